/**
 * Term ids and document frequencies for the clusterer. Articles arrive with string terms
 * (often fresh string objects from a worker thread); comparing them against story centroids
 * by string keys costs a hash and a character comparison per lookup, so the clusterer turns
 * each term into a small integer once per article and keeps centroids keyed by id. Document
 * frequencies live in typed arrays indexed by id: counting an article is a few array writes.
 */
import type { IdfPrior } from './idf-prior.ts';

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private df = new Int32Array(1024);
  private dfDelta = new Int32Array(1024);
  private prior = new Int32Array(1024);
  /** Ids whose dfDelta is non-zero since the last takeDeltas(). */
  private touched: number[] = [];

  constructor(private readonly idfPrior: IdfPrior | null) {}

  get size(): number {
    return this.terms.length;
  }

  /** The id of a term, assigned on first sight. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) this.grow();
      this.prior[id] = this.idfPrior?.df.get(term) ?? 0;
    }
    return id;
  }

  /** The id of a term if it was ever seen. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.terms[id];
  }

  private grow(): void {
    const size = this.df.length * 2;
    for (const name of ['df', 'dfDelta', 'prior'] as const) {
      const next = new Int32Array(size);
      next.set(this[name]);
      this[name] = next;
    }
  }

  /** Document frequency: observed plus (when enabled) the background prior. */
  documentFrequency(id: number): number {
    return this.df[id] + this.prior[id];
  }

  /** Sets the stored document frequency of a term (loading from the store). */
  load(term: string, df: number): void {
    this.df[this.id(term)] = df;
  }

  /** Counts one document containing `id`. */
  count(id: number): void {
    this.df[id]++;
    if (this.dfDelta[id]++ === 0) this.touched.push(id);
  }

  /** Document-frequency increments since the last call, by term. */
  takeDeltas(): Map<string, number> {
    const out = new Map<string, number>();
    for (const id of this.touched) {
      out.set(this.terms[id], this.dfDelta[id]);
      this.dfDelta[id] = 0;
    }
    this.touched = [];
    return out;
  }

  /** Observed document frequencies as a map (for inspection; not used while clustering). */
  observed(): Map<string, number> {
    const out = new Map<string, number>();
    for (let id = 0; id < this.terms.length; id++) if (this.df[id] > 0) out.set(this.terms[id], this.df[id]);
    return out;
  }
}
