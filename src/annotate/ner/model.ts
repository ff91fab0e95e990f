/**
 * The trained tagger: feature rows, BILOU transition scores and the gazetteer.
 * Pure: building one from arrays, scoring and decoding; file I/O is in model-file.ts.
 */
import { viterbi, TRANSITION_SIZE } from './decode.ts';
import { contextFeatures, extractFeatures, outsideOnlyMask, sequenceMode, wordInfo, type FeatureSequence, type SequenceFeatures, type WordInfo, WordMode } from './features.ts';
import { WeightTable } from './weight-table.ts';
import { Gazetteer } from './gazetteer.ts';
import { LABEL_COUNT, OUTSIDE } from './labels.ts';
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
export interface ScoredWord {
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
  /** Weight-row offsets of a sentence's context features (see WeightTable.resolve). */
  private rows = new Int32Array(4096);
  private skip = new Uint8Array(256);

  /**
   * `scoreEveryToken` turns off the O-only shortcut for uncapitalised stretches of cased
   * text (see `outsideOnlyMask`); tests compare both ways.
   */
  constructor(
    readonly data: NerModelData,
    private readonly options: { scoreEveryToken?: boolean } = {},
  ) {
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

  /**
   * Each word's cached facts and intrinsic scores, for a sequence read in `mode` (see
   * `sequenceMode`). Taggers that need them for more than scoring (document evidence,
   * consistency) look them up once here and pass them to `predictScored`.
   */
  scoreWords(words: readonly string[], mode: WordMode): ScoredWord[] {
    const out = new Array<ScoredWord>(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.scoredWord(words[i], mode);
    return out;
  }

  private scoredWord(word: string, mode: WordMode): ScoredWord {
    const cache = this.wordCache[mode];
    let entry = cache.get(word);
    if (entry) return entry;
    const info = wordInfo(word, mode);
    info.gazetteerBits = this.gazetteer.wordBits(info.key);
    const scores = new Float64Array(L);
    this.weights.addRows(info.intrinsic, 0, info.intrinsic.length, this.byteValue, scores, 0);
    entry = { info, scores };
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, entry);
    return entry;
  }

  /**
   * Emission scores [token * L + label] (a view of a buffer reused by the next call).
   * `mode` and `scored` are the sequence's own (`sequenceMode`, `scoreWords`) when given.
   */
  emissions(sequence: FeatureSequence, mode: WordMode = sequenceMode(sequence), scored: readonly ScoredWord[] = this.scoreWords(sequence.words, mode)): Float64Array {
    return this.scoreSequence(sequence, mode, scored).scores;
  }

  /** Emission scores and the outside-only mask they were computed with (undefined: none). */
  private scoreSequence(sequence: FeatureSequence, mode: WordMode, scored: readonly ScoredWord[]): { scores: Float64Array; skip: Uint8Array | undefined } {
    const n = sequence.words.length;
    const infos = scored.map((s) => s.info);
    if (this.skip.length < n) this.skip = new Uint8Array(n * 2);
    const skip = mode === WordMode.Cased && !this.options.scoreEveryToken ? outsideOnlyMask(infos, this.skip) : undefined;
    const context = contextFeatures(sequence, infos, this.gazetteer, skip, mode);
    if (this.scratch.length < n * L) this.scratch = new Float64Array(n * L * 2);
    const scores = this.scratch.subarray(0, n * L);
    const count = context.offsets[n];
    if (this.rows.length < count) this.rows = new Int32Array(count * 2);
    const rows = this.rows;
    this.weights.resolve(context.features, count, rows);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      if (skip !== undefined && skip[i] !== 0) {
        scores[base + OUTSIDE] = 0;
        for (let y = 0; y < L; y++) if (y !== OUTSIDE) scores[base + y] = -Infinity;
        continue;
      }
      const intrinsic = scored[i].scores;
      for (let y = 0; y < L; y++) scores[base + y] = intrinsic[y];
      this.weights.addResolved(rows, context.offsets[i], context.offsets[i + 1], this.byteValue, scores, base);
    }
    return { scores, skip };
  }

  /** Best BILOU label ids for a sequence. */
  predict(sequence: FeatureSequence): Int32Array {
    const mode = sequenceMode(sequence);
    return this.predictScored(sequence, mode, this.scoreWords(sequence.words, mode));
  }

  /** Best BILOU label ids, given the sequence's mode and scoreWords() result. */
  predictScored(sequence: FeatureSequence, mode: WordMode, scored: readonly ScoredWord[]): Int32Array {
    const n = sequence.words.length;
    const out = new Int32Array(n);
    if (n === 0) return out;
    const { scores, skip } = this.scoreSequence(sequence, mode, scored);
    viterbi(scores, n, this.data.transitions, out, skip);
    return out;
  }
}
