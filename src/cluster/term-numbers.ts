/**
 * Article features with numbered terms, for features that cross from a prepare worker to the
 * ingest thread.
 *
 * Why: posted as a Map of term strings, each article's ~300 features arrived as fresh strings
 * (structured clone copies every one) that the clusterer then hashed and compared again to
 * find their vocabulary ids, on the thread that limits ingest speed. Here the worker numbers
 * its terms (TermNumbers) and posts each distinct term once, with the message where it first
 * appears; the ingest thread keeps the worker's terms in order (TermSpace) and turns a number
 * into a vocabulary id with an array read, once per number.
 */
import type { ArticleFeatures } from './features.ts';
import type { Vocabulary } from './vocabulary.ts';

/** ArticleFeatures as term numbers and weights, in the order of the maps they came from. */
export interface NumberedFeatures {
  numbers: Int32Array;
  weights: Float64Array;
  titleNumbers: Int32Array;
  titleWeights: Float64Array;
  /** The numbers' terms; attached on arrival (not posted). */
  space?: TermSpace;
}

export function isNumbered(features: ArticleFeatures | NumberedFeatures): features is NumberedFeatures {
  return 'numbers' in features;
}

/** The worker's side: numbers its terms in order of first sight. */
export class TermNumbers {
  private readonly numbers = new Map<string, number>();
  private unposted: string[] = [];

  number(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(term, n);
      this.unposted.push(term);
    }
    return n;
  }

  /** Terms numbered since the last call, in number order: post them before the numbers that use them. */
  takeNew(): string[] {
    const out = this.unposted;
    this.unposted = [];
    return out;
  }

  numberFeatures(features: ArticleFeatures): NumberedFeatures {
    const [numbers, weights] = this.numberMap(features.counts);
    const [titleNumbers, titleWeights] = this.numberMap(features.title ?? new Map());
    return { numbers, weights, titleNumbers, titleWeights };
  }

  private numberMap(map: Map<string, number>): [Int32Array, Float64Array] {
    const numbers = new Int32Array(map.size);
    const weights = new Float64Array(map.size);
    let i = 0;
    for (const [term, weight] of map) {
      numbers[i] = this.number(term);
      weights[i++] = weight;
    }
    return [numbers, weights];
  }
}

/** The ingest thread's side, one per worker: the worker's terms, and their vocabulary ids once asked. */
export class TermSpace {
  private readonly terms: string[] = [];
  private ids = new Int32Array(1024).fill(-1);
  /** The vocabulary `ids` belong to (another clusterer numbers terms its own way). */
  private owner: Vocabulary | null = null;

  /** Appends the terms a worker numbered since its previous message. */
  extend(newTerms: readonly string[]): void {
    for (const term of newTerms) this.terms.push(term);
    if (this.terms.length > this.ids.length) {
      let size = this.ids.length;
      while (size < this.terms.length) size *= 2;
      const ids = new Int32Array(size).fill(-1);
      ids.set(this.ids);
      this.ids = ids;
    }
  }

  /** The vocabulary id of term number `n` (assigned by the vocabulary on first sight, as for a term string). */
  id(n: number, vocabulary: Vocabulary): number {
    if (vocabulary !== this.owner) {
      this.owner = vocabulary;
      this.ids.fill(-1);
    }
    if (n >= this.terms.length) throw new Error(`term number ${n} arrived before its term`);
    let id = this.ids[n];
    if (id < 0) this.ids[n] = id = vocabulary.id(this.terms[n]);
    return id;
  }
}
