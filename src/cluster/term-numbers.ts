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
import type { Token } from '../text/tokens.ts';
import { featureMaps, tokenTermKey, type ArticleFeatures, type ClusterParams, type FeatureInput, type TermKeys } from './features.ts';
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

let lastOwner = 0;

/**
 * The worker's side: numbers its terms in order of first sight, and builds articles'
 * features with numbers for terms (`features`). A word's number is kept on the tokeniser's
 * shared forms of the word, and a phrase's under the numbers of its two words, so building
 * features looks up no term string.
 */
export class TermNumbers implements TermKeys<number> {
  private readonly numbers = new Map<string, number>();
  /** Term of each number. */
  private readonly terms: string[] = [];
  /** first number → second number → phrase number. */
  private readonly bigrams = new Map<number, Map<number, number>>();
  private unposted: string[] = [];
  /** Marks the word forms whose termNumber is this instance's. */
  private readonly owner = ++lastOwner;

  number(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(term, n);
      this.terms.push(term);
      this.unposted.push(term);
    }
    return n;
  }

  token(token: Token): number | null {
    const forms = token.forms;
    if (forms !== undefined && forms.termOwner === this.owner) return forms.termNumber;
    const key = tokenTermKey(token);
    const n = key === null ? null : this.number(key);
    if (forms !== undefined) {
      forms.termOwner = this.owner;
      forms.termNumber = n;
    }
    return n;
  }

  bigram(first: number, second: number): number {
    let seconds = this.bigrams.get(first);
    if (seconds === undefined) this.bigrams.set(first, (seconds = new Map()));
    let n = seconds.get(second);
    if (n === undefined) seconds.set(second, (n = this.number(`b:${this.terms[first]}_${this.terms[second]}`)));
    return n;
  }

  name(lower: string): number {
    return this.number('n:' + lower);
  }

  entity(key: string): number {
    return this.number('e:' + key);
  }

  /** articleFeatures(input, params), numbered: what numberFeatures would make of it. */
  features(input: FeatureInput, params: ClusterParams): NumberedFeatures {
    const { counts, title } = featureMaps(input, params, this);
    const [numbers, weights] = numbered(counts);
    const [titleNumbers, titleWeights] = numbered(title);
    return { numbers, weights, titleNumbers, titleWeights };
  }

  /** Terms numbered since the last call, in number order: post them before the numbers that use them. */
  takeNew(): string[] {
    const out = this.unposted;
    this.unposted = [];
    return out;
  }

  /** Features built as term maps, numbered (the definition `features` keeps to; tests compare them). */
  numberFeatures(features: ArticleFeatures): NumberedFeatures {
    const renumber = (map: Map<string, number>) => new Map([...map].map(([term, weight]) => [this.number(term), weight]));
    const [numbers, weights] = numbered(renumber(features.counts));
    const [titleNumbers, titleWeights] = numbered(renumber(features.title ?? new Map()));
    return { numbers, weights, titleNumbers, titleWeights };
  }
}

function numbered(map: Map<number, number>): [Int32Array, Float64Array] {
  const numbers = new Int32Array(map.size);
  const weights = new Float64Array(map.size);
  let i = 0;
  for (const [n, weight] of map) {
    numbers[i] = n;
    weights[i++] = weight;
  }
  return [numbers, weights];
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
