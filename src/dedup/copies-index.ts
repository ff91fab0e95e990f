/**
 * In-memory inverted index of copy keys (key → article ids), the shape the store keeps in a
 * table. Used by the evaluations and tests; the store mirrors its two rules:
 *
 * - a key keeps at most MAX_POSTINGS_PER_KEY ids, the first ones seen. A key shared by many
 *   articles is a stock phrase, not evidence; and when a wire story is syndicated widely,
 *   the earliest holders are the ones a later copy should be compared with. This is what
 *   keeps the cost per article flat as the corpus grows.
 * - a candidate must share at least MIN_SHARED_KEYS keys, unless one of the two texts has
 *   so few keys (a short text) that one shared key is already a real share of it. One
 *   shared key between two long texts is a stock phrase far more often than a copy.
 * - candidates are ranked by how many keys they share, and at most MAX_CANDIDATES are
 *   aligned.
 */
export const MAX_POSTINGS_PER_KEY = 24;
/**
 * 8 candidates find every source that 40 found in the copy evaluation (seeds 1–3: same
 * recall, direction and false links; a copy there has one to three sources) and bound the
 * alignment work when a wire story is syndicated by dozens of outlets: each new
 * copy is compared with the eight holders it shares most with, not with all of them.
 */
export const MAX_CANDIDATES = 8;
export const MIN_SHARED_KEYS = 2;
/** Texts with fewer keys than this accept candidates on one shared key. */
export const FEW_KEYS = 24;

/** The candidate rule, for stores that keep postings elsewhere. */
export function isCandidate(sharedKeys: number, keysOfQuery: number, keysOfCandidate: number): boolean {
  return sharedKeys >= MIN_SHARED_KEYS || Math.min(keysOfQuery, keysOfCandidate) < FEW_KEYS;
}

export class CopyCandidateIndex {
  private readonly postings = new Map<string, string[]>();
  private readonly keyCounts = new Map<string, number>();

  /** Ids sharing enough keys with `keys` (see isCandidate), most shared keys first. */
  candidates(keys: readonly string[], limit = MAX_CANDIDATES): Array<{ id: string; sharedKeys: number }> {
    const counts = new Map<string, number>();
    for (const key of keys) {
      for (const id of this.postings.get(key) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts]
      .filter(([id, shared]) => isCandidate(shared, keys.length, this.keyCounts.get(id) ?? 0))
      .map(([id, sharedKeys]) => ({ id, sharedKeys }))
      .sort((x, y) => y.sharedKeys - x.sharedKeys || (x.id < y.id ? -1 : 1))
      .slice(0, limit);
  }

  add(id: string, keys: readonly string[]): void {
    this.keyCounts.set(id, keys.length);
    for (const key of keys) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      if (list.length < MAX_POSTINGS_PER_KEY && !list.includes(id)) list.push(id);
    }
  }

  get keyCount(): number {
    return this.postings.size;
  }
}
