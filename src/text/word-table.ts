/**
 * Per-word facts cached by the word's characters in a text, looked up without slicing the
 * word out. A Map keyed by strings needs a fresh string per token (an allocation, then V8
 * hashes it and compares it on every look-up); in the stages that visit every token of every
 * article that was most of their cost. Here the caller hashes the characters while it scans
 * them (wordHashStep), and a hit compares the stored word in place: it allocates nothing.
 */

/** FNV-1a offset basis: the hash of an empty word. */
export const WORD_HASH_SEED = 0x811c9dc5 | 0;

/** Folds one UTF-16 code unit into a running word hash (FNV-1a). */
export function wordHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The hash wordHashStep builds over text[start, end). */
export function wordHash(text: string, start: number, end: number): number {
  let h = WORD_HASH_SEED;
  for (let i = start; i < end; i++) h = wordHashStep(h, text.charCodeAt(i));
  return h;
}

export class WordTable<V> {
  private words: string[] = [];
  private values: V[] = [];
  /**
   * Two numbers per slot, side by side so a probe touches one cache line: the index into
   * words/values plus one (0 = empty), then the word's hash (to skip most comparisons).
   */
  private slots: Int32Array;
  /** Slot count minus one. */
  private mask: number;

  /**
   * `describe` computes the value for a word seen for the first time. Past `maxWords` the
   * table starts over (a bound on memory for unbounded vocabularies).
   */
  constructor(
    private readonly describe: (word: string) => V,
    private readonly maxWords: number,
  ) {
    let capacity = 1024;
    while (capacity < maxWords * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.words.length;
  }

  /** The value for text[start, end), whose wordHash is `hash`. */
  get(text: string, start: number, end: number, hash: number): V {
    const length = end - start;
    const { slots, mask, words } = this;
    let slot = hash & mask;
    for (let entry = slots[slot << 1]; entry !== 0; entry = slots[slot << 1]) {
      if (slots[(slot << 1) + 1] === hash) {
        const word = words[entry - 1];
        if (word.length === length && text.startsWith(word, start)) return this.values[entry - 1];
      }
      slot = (slot + 1) & mask;
    }
    if (words.length >= this.maxWords) {
      this.clear();
      return this.get(text, start, end, hash);
    }
    const word = text.slice(start, end);
    const value = this.describe(word);
    words.push(word);
    this.values.push(value);
    slots[slot << 1] = words.length;
    slots[(slot << 1) + 1] = hash;
    return value;
  }

  /** Forgets every word (their values may have changed meaning). */
  clear(): void {
    this.words = [];
    this.values = [];
    this.slots.fill(0);
  }
}
