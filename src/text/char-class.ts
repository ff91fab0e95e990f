/**
 * Membership of a Unicode character class for hand-written scanners (the article tokeniser,
 * line normalisation): ASCII letters and digits by comparison, every other character tested
 * against the class's regular expression once and remembered.
 */
export class CharClass {
  /** Per BMP code unit: 0 not yet known, 1 in the class, 2 not. */
  private readonly units = new Uint8Array(65536);
  private readonly astral = new Map<number, boolean>();

  /**
   * `member` matches one code point of the class (e.g. /^[\p{L}\p{N}]$/u); within ASCII the
   * class must be exactly the letters and digits.
   */
  constructor(private readonly member: RegExp) {}

  /**
   * Code units taken by the class member at `i`: 1, 2 for an astral one written as a surrogate
   * pair, 0 when there is none.
   */
  widthAt(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
      const point = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      let known = this.astral.get(point);
      if (known === undefined) this.astral.set(point, (known = this.member.test(String.fromCodePoint(point))));
      return known ? 2 : 0;
    }
    let known = this.units[c];
    if (known === 0) {
      // A lone low surrogate is no character of any class.
      known = c < 0xdc00 || c > 0xdfff ? (this.member.test(String.fromCharCode(c)) ? 1 : 2) : 2;
      this.units[c] = known;
    }
    return known === 1 ? 1 : 0;
  }
}
