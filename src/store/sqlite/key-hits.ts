/**
 * Counting, for one copy-candidate look-up, how many of the query's keys each stored article
 * holds. A query has ~100 keys of up to MAX_POSTINGS_PER_COPY_KEY holders each, so up to a
 * few thousand increments over a thousand or so distinct rowids, once per article ingested.
 * A Map per query did that with a hash look-up and an update per increment, then a spread
 * into pairs to rank them: 0.08 ms an article in the 100k bench profile (session 10). Here
 * the counts live in an open-addressing table of typed arrays reused from query to query
 * (a slot is in use when its stamp is the current query's, so nothing is cleared), and the
 * result is two small typed arrays in first-seen order.
 */

/** Articles holding any of a query's keys (`rowids`) and how many of the keys each holds (`counts`), in first-seen order. */
export class KeyHits {
  constructor(
    readonly rowids: Uint32Array,
    readonly counts: Int32Array,
  ) {}

  /**
   * The `limit` articles holding the most keys, at least `minShared` each; at a tie the
   * earlier (lower) rowid first, so the choice does not depend on where batches ended.
   */
  top(minShared: number, limit: number): Array<{ rowid: number; shared: number }> {
    // One pass keeping the best `limit` in order (limit is small: 8 candidates): sorting the
    // thousand-odd qualifying rowids of a typical query cost more than the counting.
    const best: number[] = [];
    const { rowids, counts } = this;
    const before = (x: number, y: number) => counts[x] > counts[y] || (counts[x] === counts[y] && rowids[x] < rowids[y]);
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] < minShared) continue;
      if (best.length === limit && !before(i, best[limit - 1])) continue;
      let at = best.length === limit ? limit - 1 : best.length;
      while (at > 0 && before(i, best[at - 1])) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = i;
    }
    return best.map((i) => ({ rowid: rowids[i], shared: counts[i] }));
  }
}

/** Counts rowids for one query at a time (start, add…, result). */
export class RowidTally {
  private keys = new Uint32Array(0);
  private counts = new Int32Array(0);
  /** Query number that last used each slot: a slot is free unless it holds the current one. */
  private stamps = new Uint32Array(0);
  /** Slots in first-seen order. */
  private order = new Int32Array(0);
  private mask = 0;
  private shift = 32;
  private query = 0;
  private size = 0;

  /** Starts a query that will add at most `maxAdds` rowids. */
  start(maxAdds: number): void {
    let capacity = 64;
    while (capacity < maxAdds * 2) capacity *= 2;
    if (capacity > this.keys.length || this.query === 0xffffffff) {
      const size = Math.max(capacity, this.keys.length);
      this.keys = new Uint32Array(size);
      this.counts = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.order = new Int32Array(size);
      this.mask = size - 1;
      this.shift = 32 - Math.log2(size);
      this.query = 0;
    }
    this.query++;
    this.size = 0;
  }

  add(rowid: number): void {
    const { keys, stamps, mask, query } = this;
    // Fibonacci hashing: the high bits of the product spread consecutive rowids apart.
    let slot = Math.imul(rowid, 0x9e3779b1) >>> this.shift;
    while (stamps[slot] === query) {
      if (keys[slot] === rowid) {
        this.counts[slot]++;
        return;
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = query;
    keys[slot] = rowid;
    this.counts[slot] = 1;
    this.order[this.size++] = slot;
  }

  result(): KeyHits {
    const rowids = new Uint32Array(this.size);
    const counts = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const slot = this.order[i];
      rowids[i] = this.keys[slot];
      counts[i] = this.counts[slot];
    }
    return new KeyHits(rowids, counts);
  }
}
