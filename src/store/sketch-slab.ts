/**
 * MinHash signatures of stored articles in one typed array, a slot per rowid modulo the slab
 * size (the most recent rowid written to a slot wins). A near-duplicate look-up meets up to
 * 64 holders per band, most of them too far from the query to be copies: knowing their
 * signatures spares reading their rows, which at 100k articles are rarely in the page cache.
 * Flat arrays rather than a map of signatures: no object per entry for the collector to walk,
 * ~0.26 kB per slot.
 */
export class SketchSlab {
  /** Rowid held by each slot, -1 for none. */
  private readonly rowids: Float64Array;
  private readonly values: Uint32Array;

  constructor(
    private readonly slots: number,
    /** Signature length (hash functions): signatures of another length are not kept. */
    private readonly width: number,
  ) {
    this.rowids = new Float64Array(slots).fill(-1);
    this.values = new Uint32Array(slots * width);
  }

  set(rowid: number, signature: Uint32Array): void {
    if (signature.length !== this.width) return;
    const slot = rowid % this.slots;
    this.rowids[slot] = rowid;
    this.values.set(signature, slot * this.width);
  }

  /** Estimated Jaccard similarity of the stored signature of `rowid` and `signature`; undefined when not held. */
  jaccard(rowid: number, signature: Uint32Array): number | undefined {
    const slot = rowid % this.slots;
    if (this.rowids[slot] !== rowid || signature.length !== this.width) return undefined;
    const { values, width } = this;
    let equal = 0;
    for (let i = 0, at = slot * width; i < width; i++, at++) if (values[at] === signature[i]) equal++;
    return equal / width;
  }

  clear(): void {
    this.rowids.fill(-1);
  }
}
