/**
 * First-order Viterbi decoding over BILOU labels with hard well-formedness constraints
 * (an entity that begins must end, with one type), plus learned transition scores.
 */
import { bilouTransitions, LABEL_COUNT, OUTSIDE } from './labels.ts';

const L = LABEL_COUNT;
const { allowed, allowedStart, allowedEnd } = bilouTransitions();

/** For each label, the labels that may precede it: BILOU allows 2 or 9 of 17, so skip the rest. */
const predecessors: Int32Array[] = Array.from({ length: L }, (_, next) => {
  const list: number[] = [];
  for (let prev = 0; prev < L; prev++) if (allowed[prev * L + next]) list.push(prev);
  return Int32Array.from(list);
});

/** For each label, its predecessors when the previous token could only be O: O where O may precede it, else none. */
const afterOutside: Int32Array[] = Array.from({ length: L }, (_, next) => (allowed[OUTSIDE * L + next] ? Int32Array.of(OUTSIDE) : new Int32Array(0)));

/** The argmax of the last bestFrom call (a second return value without an allocation). */
let bestArg = 0;

/**
 * The best score reaching label `y` from the labels `from` at the previous position (whose
 * scores start at prevBase); its argmax in bestArg (0 when none is finite).
 */
function bestFrom(score: Float64Array, prevBase: number, from: Int32Array, transitions: ArrayLike<number>, y: number): number {
  let best = -Infinity;
  let arg = 0;
  for (let k = 0; k < from.length; k++) {
    const p = from[k];
    const s = score[prevBase + p] + transitions[p * L + y];
    if (s > best) {
      best = s;
      arg = p;
    }
  }
  bestArg = arg;
  return best;
}

// Reused between calls: decoding allocates nothing per sentence.
let scratchScore = new Float64Array(256 * L);
let scratchBack = new Int32Array(256 * L);

/** Learned transition scores: [prev * L + next], then L start scores, then L end scores. */
export const TRANSITION_SIZE = L * L + 2 * L;

/**
 * Best label sequence for emission scores [i * L + label] and transition scores laid out
 * as TRANSITION_SIZE. Writes label ids into `out` (length n).
 *
 * `outsideOnly[i] === 1` promises that token i can only be O (every other label's emission is
 * -Infinity: the tagger's uncapitalised stretches). Such a token needs one score, not L: the
 * result and every score computed are the same as without the mask, with the same arithmetic
 * (the other labels' scores would all be -Infinity, which never wins a comparison).
 */
export function viterbi(emissions: Float64Array | Float32Array, n: number, transitions: ArrayLike<number>, out: Int32Array | number[], outsideOnly?: Uint8Array): void {
  if (n === 0) return;
  if (scratchScore.length < n * L) {
    scratchScore = new Float64Array(n * L * 2);
    scratchBack = new Int32Array(n * L * 2);
  }
  const score = scratchScore;
  const back = scratchBack;
  const startOffset = L * L;
  const endOffset = L * L + L;
  const O = OUTSIDE;
  for (let y = 0; y < L; y++) {
    score[y] = allowedStart[y] ? emissions[y] + transitions[startOffset + y] : -Infinity;
  }
  // Whether token i - 1 was outside-only: then only its O score was written, and O is the
  // one predecessor to search (afterOutside).
  let previousOnlyO = false;
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    if (outsideOnly !== undefined && outsideOnly[i] === 1) {
      score[base + O] = bestFrom(score, prevBase, previousOnlyO ? afterOutside[O] : predecessors[O], transitions, O) + emissions[base + O];
      back[base + O] = bestArg;
      previousOnlyO = true;
      continue;
    }
    for (let y = 0; y < L; y++) {
      const emission = emissions[base + y];
      // A label ruled out here (the tagger's O-only tokens) needs no search over predecessors.
      if (emission === -Infinity) {
        score[base + y] = -Infinity;
        back[base + y] = 0;
        continue;
      }
      const from = previousOnlyO ? afterOutside[y] : predecessors[y];
      score[base + y] = bestFrom(score, prevBase, from, transitions, y) + emission;
      back[base + y] = bestArg;
    }
    previousOnlyO = false;
  }
  let best = -Infinity;
  let arg = 0;
  const lastBase = (n - 1) * L;
  if (previousOnlyO) arg = O;
  else {
    for (let y = 0; y < L; y++) {
      if (!allowedEnd[y]) continue;
      const s = score[lastBase + y] + transitions[endOffset + y];
      if (s > best) {
        best = s;
        arg = y;
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg];
  }
}
