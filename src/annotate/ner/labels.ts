/**
 * Label sets. The model predicts BILOU tags (Begin, Inside, Last, Outside, Unit), which
 * learns entity boundaries better than BIO for perceptron taggers (Ratinov & Roth 2009);
 * the outside world sees CoNLL BIO tags (B-PER, I-PER, O …) or typed spans.
 */
import type { EntityType } from '../../types.ts';

export const CONLL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ConllType = (typeof CONLL_TYPES)[number];

/** BILOU labels, index 0 is O. */
export const LABELS: readonly string[] = [
  'O',
  ...CONLL_TYPES.flatMap((type) => ['B', 'I', 'L', 'U'].map((prefix) => `${prefix}-${type}`)),
];
export const LABEL_COUNT = LABELS.length;
export const OUTSIDE = 0;

const labelIndex = new Map(LABELS.map((label, index) => [label, index]));

export function labelId(label: string): number {
  const id = labelIndex.get(label);
  if (id === undefined) throw new Error(`unknown label ${label}`);
  return id;
}

/** 'B' | 'I' | 'L' | 'U' | 'O' of a label id. */
export function labelPrefix(id: number): string {
  return id === OUTSIDE ? 'O' : LABELS[id][0];
}

/** Entity type of a label id ('' for O). */
export function labelType(id: number): string {
  return id === OUTSIDE ? '' : LABELS[id].slice(2);
}

/** CoNLL LOC→PLACE, PER→PERSON (DESIGN.md entity types). */
export function toEntityType(conllType: string): EntityType {
  switch (conllType) {
    case 'PER':
      return 'PERSON';
    case 'LOC':
      return 'PLACE';
    case 'ORG':
      return 'ORG';
    default:
      return 'MISC';
  }
}

/** A typed token range [start, end) in a sentence. */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * Entity spans of a CoNLL tag sequence. Accepts IOB2 and IOB1 (an I- after O or after
 * another type starts an entity), so gold files in either style score the same way.
 */
export function spansFromBio(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let current: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const prefix = tag[0];
    const type = tag.length > 2 ? tag.slice(2) : '';
    const continues = prefix === 'I' && current !== null && current.type === type;
    if (continues) {
      current!.end = i + 1;
      continue;
    }
    if (current) spans.push(current);
    current = prefix === 'B' || prefix === 'I' ? { start: i, end: i + 1, type } : null;
  }
  if (current) spans.push(current);
  return spans;
}

/** BIO (IOB1 or IOB2) tags → BILOU label ids. */
export function bioToBilou(tags: readonly string[]): number[] {
  const ids = new Array<number>(tags.length).fill(OUTSIDE);
  for (const span of spansFromBio(tags)) {
    if (span.end - span.start === 1) {
      ids[span.start] = labelId(`U-${span.type}`);
      continue;
    }
    ids[span.start] = labelId(`B-${span.type}`);
    for (let i = span.start + 1; i < span.end - 1; i++) ids[i] = labelId(`I-${span.type}`);
    ids[span.end - 1] = labelId(`L-${span.type}`);
  }
  return ids;
}

/** Spans of a BILOU label-id sequence (decoding keeps sequences well formed). */
export function spansFromBilou(ids: ArrayLike<number>): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let start = -1;
  for (let i = 0; i < ids.length; i++) {
    const prefix = labelPrefix(ids[i]);
    const type = labelType(ids[i]);
    if (prefix === 'U') spans.push({ start: i, end: i + 1, type });
    else if (prefix === 'B') start = i;
    else if (prefix === 'L' && start >= 0) {
      spans.push({ start, end: i + 1, type });
      start = -1;
    }
  }
  return spans;
}

/** Overwrite labels[start, end) with one BILOU span of `type` (a CoNLL type: PER, ORG …). */
export function writeSpan(labels: Int32Array, start: number, end: number, type: string): void {
  if (end - start === 1) {
    labels[start] = labelId(`U-${type}`);
    return;
  }
  labels[start] = labelId(`B-${type}`);
  for (let i = start + 1; i < end - 1; i++) labels[i] = labelId(`I-${type}`);
  labels[end - 1] = labelId(`L-${type}`);
}

/** BILOU label ids → CoNLL IOB2 tags. */
export function bilouToBio(ids: ArrayLike<number>): string[] {
  const tags = new Array<string>(ids.length).fill('O');
  for (const span of spansFromBilou(ids)) {
    tags[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i < span.end; i++) tags[i] = `I-${span.type}`;
  }
  return tags;
}

/**
 * Hard BILOU constraints: which label may follow which. allowed[prev * L + next];
 * START/END rows are handled by `allowedStart` / `allowedEnd`.
 */
export function bilouTransitions(): { allowed: Uint8Array; allowedStart: Uint8Array; allowedEnd: Uint8Array } {
  const L = LABEL_COUNT;
  const allowed = new Uint8Array(L * L);
  const allowedStart = new Uint8Array(L);
  const allowedEnd = new Uint8Array(L);
  for (let next = 0; next < L; next++) {
    const np = labelPrefix(next);
    allowedStart[next] = np === 'O' || np === 'B' || np === 'U' ? 1 : 0;
    allowedEnd[next] = np === 'O' || np === 'L' || np === 'U' ? 1 : 0;
    for (let prev = 0; prev < L; prev++) {
      const pp = labelPrefix(prev);
      const inside = pp === 'B' || pp === 'I';
      const ok = inside
        ? (np === 'I' || np === 'L') && labelType(prev) === labelType(next)
        : np === 'O' || np === 'B' || np === 'U';
      allowed[prev * L + next] = ok ? 1 : 0;
    }
  }
  return { allowed, allowedStart, allowedEnd };
}
