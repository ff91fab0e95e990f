/**
 * The trained tagger: feature rows, BILOU transition scores and the gazetteer.
 * Pure: building one from arrays, scoring and decoding; file I/O is in model-file.ts.
 */
import { viterbi, TRANSITION_SIZE } from './decode.ts';
import { contextFeatures, extractFeatures, sequenceMode, wordInfo, type FeatureSequence, type SequenceFeatures, type WordInfo, type WordMode } from './features.ts';
import { WeightTable } from './weight-table.ts';
import { Gazetteer } from './gazetteer.ts';
import { LABEL_COUNT } from './labels.ts';
import { dequantisationTable, quantiseWeights, weightScale } from './quantize.ts';

const L = LABEL_COUNT;

export interface NerModelData {
  /** Feature hashes, one per weight row. */
  featureKeys: Uint32Array;
  /** rows × LABEL_COUNT weights (training output; empty when `quantised` is given). */
  weights: Float32Array;
  /** The same weights as stored in the model file: int8 on the scale meta.weightScale. */
  quantised?: Int8Array;
  transitions: Float32Array;
  gazetteerKeys: Uint32Array;
  gazetteerFlags: Uint32Array;
  meta: Record<string, unknown>;
}

/** A word's context-free facts plus the summed weights of its intrinsic features. */
interface ScoredWord {
  info: WordInfo;
  scores: Float64Array;
}

/**
 * Distinct words remembered per mode (an entry is ~400 bytes): a news day's vocabulary
 * fits; a long run clears and refills, and the bound keeps a prepare worker's heap inside
 * its limit (see prepare-pool.ts).
 */
const WORD_CACHE_LIMIT = 60_000;

export class NerModel {
  readonly gazetteer: Gazetteer;
  /** Weights as scored: int8 rows packed beside their keys, and the value of each byte (see quantize.ts). */
  private readonly weights: WeightTable;
  private readonly byteValue: Float64Array;
  private readonly wordCache = [new Map<string, ScoredWord>(), new Map<string, ScoredWord>(), new Map<string, ScoredWord>()];
  private scratch = new Float64Array(256 * L);

  constructor(readonly data: NerModelData) {
    const weightCount = data.quantised ? data.quantised.length : data.weights.length;
    if (weightCount !== data.featureKeys.length * L) throw new Error('model weights do not match its features');
    if (data.transitions.length !== TRANSITION_SIZE) throw new Error('model transitions have the wrong size');
    this.gazetteer = new Gazetteer(data.gazetteerKeys, data.gazetteerFlags);
    const scale = typeof data.meta.weightScale === 'number' ? data.meta.weightScale : weightScale(data.weights);
    this.weights = new WeightTable(data.featureKeys, data.quantised ?? quantiseWeights(data.weights, scale));
    this.byteValue = dequantisationTable(scale);
  }

  /** All feature hashes of a sequence (for inspection and tests; tagging uses the cache). */
  features(sequence: FeatureSequence): SequenceFeatures {
    return extractFeatures(sequence, this.gazetteer);
  }

  private scoredWord(word: string, mode: WordMode): ScoredWord {
    const cache = this.wordCache[mode];
    let entry = cache.get(word);
    if (entry) return entry;
    const info = wordInfo(word, mode);
    const scores = new Float64Array(L);
    this.addRows(info.intrinsic, 0, info.intrinsic.length, scores, 0);
    entry = { info, scores };
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, entry);
    return entry;
  }

  private addRows(hashes: Uint32Array, from: number, to: number, out: Float64Array, base: number): void {
    this.weights.addRows(hashes, from, to, this.byteValue, out, base);
  }

  /** Emission scores [token * L + label] (a view of a buffer reused by the next call). */
  emissions(sequence: FeatureSequence): Float64Array {
    const n = sequence.words.length;
    const mode = sequenceMode(sequence);
    const scored = sequence.words.map((word) => this.scoredWord(word, mode));
    const context = contextFeatures(sequence, scored.map((s) => s.info), this.gazetteer);
    if (this.scratch.length < n * L) this.scratch = new Float64Array(n * L * 2);
    const scores = this.scratch.subarray(0, n * L);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const intrinsic = scored[i].scores;
      for (let y = 0; y < L; y++) scores[base + y] = intrinsic[y];
      this.addRows(context.features, context.offsets[i], context.offsets[i + 1], scores, base);
    }
    return scores;
  }

  /** Best BILOU label ids for a sequence. */
  predict(sequence: FeatureSequence): Int32Array {
    const n = sequence.words.length;
    const out = new Int32Array(n);
    if (n === 0) return out;
    viterbi(this.emissions(sequence), n, this.data.transitions, out);
    return out;
  }
}
