/**
 * Structured averaged perceptron (Collins 2002) over BILOU labels with Viterbi decoding.
 * Deterministic: sequence order is shuffled with a seeded generator, nothing else is random.
 */
import { TRANSITION_SIZE, viterbi } from './decode.ts';
import { extractFeatures, sequenceMode, wordIdentityFeatures, wordInfo, type FeatureSequence, type WordInfo, type WordMode } from './features.ts';
import { FeatureTable } from './feature-table.ts';
import { Gazetteer } from './gazetteer.ts';
import { LABEL_COUNT } from './labels.ts';
import type { NerModelData } from './model.ts';

const L = LABEL_COUNT;

export interface TrainingSequence extends FeatureSequence {
  /** Gold BILOU label ids. */
  labels: ArrayLike<number>;
  /** Size of this sequence's updates (default 1): how much the input it stands for matters. */
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times than this in training are dropped (smaller model, less noise). */
  minFeatureCount: number;
  /**
   * Word dropout: the chance that an entity token's word-identity features are hidden for
   * one visit, so that context, shape and gazetteer features learn to carry names the
   * model has never seen (most test entities are unseen).
   */
  wordDropout?: number;
  /** Called after each epoch with the averaged model so far; used for tuning on dev. */
  onEpoch?: (epoch: number, model: NerModelData) => void;
  log?: (message: string) => void;
}

/** Deterministic 32-bit PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

/** A training sequence reduced to weight rows: what the epoch loop touches. */
interface CompiledSequence {
  n: number;
  offsets: Int32Array;
  rows: Int32Array;
  gold: Int32Array;
  weight: number;
  /** Per token, how many of its first features identify the word (dropout candidates). */
  identity: number;
}

export function trainPerceptron(
  sequences: readonly TrainingSequence[],
  gazetteerArrays: { keys: Uint32Array; flags: Uint32Array },
  options: TrainOptions,
): NerModelData {
  const log = options.log ?? (() => {});
  const gazetteer = new Gazetteer(gazetteerArrays.keys, gazetteerArrays.flags);

  // 1. Features → provisional rows, with counts for pruning.
  const table = new FeatureTable(1 << 20);
  let counts = new Int32Array(1 << 20);
  const provisional: CompiledSequence[] = [];
  const infoCache = [new Map<string, WordInfo>(), new Map<string, WordInfo>(), new Map<string, WordInfo>()];
  const cachedInfo = (word: string, mode: WordMode): WordInfo => {
    const cache = infoCache[mode];
    let info = cache.get(word);
    if (!info) cache.set(word, (info = wordInfo(word, mode)));
    return info;
  };
  for (const sequence of sequences) {
    const n = sequence.words.length;
    if (n === 0) continue;
    const { offsets, features } = extractFeatures(sequence, gazetteer, cachedInfo);
    const rows = new Int32Array(features.length);
    for (let k = 0; k < features.length; k++) {
      const row = table.intern(features[k]);
      if (row >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[row]++;
      rows[k] = row;
    }
    provisional.push({
      n,
      offsets: offsets.slice(0, n + 1),
      rows,
      gold: Int32Array.from(sequence.labels),
      weight: sequence.weight ?? 1,
      identity: wordIdentityFeatures(sequenceMode(sequence)) + 1, // + the bias feature before them
    });
  }

  // 2. Keep frequent features; renumber rows densely.
  const remap = new Int32Array(table.size).fill(-1);
  const keptKeys: number[] = [];
  const entries = table.entries().sort((a, b) => a[1] - b[1]);
  for (const [key, row] of entries) {
    if (counts[row] >= options.minFeatureCount) {
      remap[row] = keptKeys.length;
      keptKeys.push(key);
    }
  }
  const compiled: CompiledSequence[] = provisional.map((s) => {
    const rows = new Int32Array(s.rows.length);
    for (let k = 0; k < rows.length; k++) rows[k] = remap[s.rows[k]];
    return { ...s, rows };
  });
  log(`features: ${table.size} seen, ${keptKeys.length} kept (count ≥ ${options.minFeatureCount}); sequences: ${compiled.length}`);

  // 3. Epochs. w are the current weights; u accumulates c·Δ so that the average is w − u/c.
  const R = keptKeys.length;
  const w = new Float64Array(R * L);
  const u = new Float64Array(R * L);
  const tw = new Float64Array(TRANSITION_SIZE);
  const tu = new Float64Array(TRANSITION_SIZE);
  let c = 1;
  const random = seededRandom(options.seed);
  const order = compiled.map((_, i) => i);
  const featureKeys = Uint32Array.from(keptKeys);

  const averaged = (): NerModelData => {
    const weights = new Float32Array(R * L);
    for (let k = 0; k < weights.length; k++) weights[k] = w[k] - u[k] / c;
    const transitions = new Float32Array(TRANSITION_SIZE);
    for (let k = 0; k < TRANSITION_SIZE; k++) transitions[k] = tw[k] - tu[k] / c;
    return { featureKeys, weights, transitions, gazetteerKeys: gazetteerArrays.keys, gazetteerFlags: gazetteerArrays.flags, meta: {} };
  };

  const startOffset = L * L;
  const endOffset = L * L + L;
  let scores = new Float64Array(256 * L);
  let predicted = new Int32Array(256);
  let hiddenEnd = new Int32Array(256);
  const dropout = options.wordDropout ?? 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let errors = 0;
    let tokens = 0;
    for (const index of order) {
      const { n, offsets, rows, gold, weight, identity } = compiled[index];
      const cw = c * weight;
      // Tokens that hide their word this visit skip features (offsets[i], hiddenEnd[i]).
      if (hiddenEnd.length < n) hiddenEnd = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const drop = dropout > 0 && gold[i] !== 0 && random() < dropout;
        hiddenEnd[i] = drop ? offsets[i] + identity : -1;
      }
      if (scores.length < n * L) {
        scores = new Float64Array(n * L * 2);
        predicted = new Int32Array(n * 2);
      }
      scores.fill(0, 0, n * L);
      for (let i = 0; i < n; i++) {
        const base = i * L;
        for (let k = offsets[i]; k < offsets[i + 1]; k++) {
          const r = rows[k];
          if (r < 0 || (k > offsets[i] && k < hiddenEnd[i])) continue;
          const off = r * L;
          for (let y = 0; y < L; y++) scores[base + y] += w[off + y];
        }
      }
      viterbi(scores, n, tw, predicted);
      tokens += n;
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = predicted[i];
        if (g === p) continue;
        wrong = true;
        errors++;
        for (let k = offsets[i]; k < offsets[i + 1]; k++) {
          const r = rows[k];
          if (r < 0 || (k > offsets[i] && k < hiddenEnd[i])) continue;
          const off = r * L;
          w[off + g] += weight;
          u[off + g] += cw;
          w[off + p] -= weight;
          u[off + p] -= cw;
        }
      }
      if (wrong) {
        const bump = (slot: number, sign: number): void => {
          tw[slot] += sign * weight;
          tu[slot] += sign * cw;
        };
        bump(startOffset + gold[0], 1);
        bump(startOffset + predicted[0], -1);
        bump(endOffset + gold[n - 1], 1);
        bump(endOffset + predicted[n - 1], -1);
        for (let i = 1; i < n; i++) {
          bump(gold[i - 1] * L + gold[i], 1);
          bump(predicted[i - 1] * L + predicted[i], -1);
        }
      }
      c++;
    }
    log(`epoch ${epoch}: ${errors} token errors in ${tokens} tokens (${((100 * errors) / tokens).toFixed(2)}%)`);
    options.onEpoch?.(epoch, averaged());
  }
  return averaged();
}
