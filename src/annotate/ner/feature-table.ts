/**
 * Feature hash → weight-row index, an open-addressing table over 32-bit keys.
 * Keys and rows are interleaved in one array so a lookup touches one cache line: tagging
 * speed is bound by these random lookups. (A JS Map of numbers is slower and several
 * times larger for the ~10^5–10^6 features a model has.)
 */
export class FeatureTable {
  /** [key, row, key, row, …]; key 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1 << 16) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Row of a feature, or -1. Feature hash 0 is stored as 1 (0 marks empty slots). */
  get(feature: number): number {
    const key = feature === 0 ? 1 : feature | 0;
    const slots = this.slots;
    let slot = key & this.mask;
    for (;;) {
      const k = slots[slot << 1];
      if (k === key) return slots[(slot << 1) + 1];
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Row of a feature, inserting it as the next row when new. */
  intern(feature: number): number {
    const row = this.get(feature);
    if (row >= 0) return row;
    this.set(feature, this.size);
    return this.size - 1;
  }

  set(feature: number, row: number): void {
    const key = feature === 0 ? 1 : feature | 0;
    let slot = key & this.mask;
    while (this.slots[slot << 1] !== 0 && this.slots[slot << 1] !== key) slot = (slot + 1) & this.mask;
    if (this.slots[slot << 1] === 0) this.size++;
    this.slots[slot << 1] = key;
    this.slots[(slot << 1) + 1] = row;
    if (this.size * 2 > this.mask + 1) this.grow();
  }

  /** All (key, row) pairs, keys as unsigned 32-bit numbers. */
  entries(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let slot = 0; slot <= this.mask; slot++) {
      const key = this.slots[slot << 1];
      if (key !== 0) out.push([key >>> 0, this.slots[(slot << 1) + 1]]);
    }
    return out;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.slots.length >> 1) - 1;
    for (let k = 0; k < old.length; k += 2) {
      const key = old[k];
      if (key === 0) continue;
      let slot = key & this.mask;
      while (this.slots[slot << 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot << 1] = key;
      this.slots[(slot << 1) + 1] = old[k + 1];
    }
  }
}
