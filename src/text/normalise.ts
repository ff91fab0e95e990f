/**
 * Text normalisation. The ingested text is kept as it is (cleaning is a view on it);
 * these functions produce the normalised forms used for hashing and analysis.
 */

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const HORIZONTAL_SPACE = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Unicode NFKC, zero-width characters removed, runs of spaces collapsed, line ends unified,
 * paragraphs separated by exactly one blank line. Single newlines inside a paragraph are kept
 * (they often separate list items or headlines, which boilerplate detection relies on).
 */
export function normaliseText(text: string): string {
  const unified = text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(HORIZONTAL_SPACE, ' ');
  return unified
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The key for exact-duplicate detection: normaliseText, case-folded, all whitespace as one
 * space. Every whitespace run ends up one space, so normaliseText's line and paragraph steps
 * change nothing here and are skipped (its cost was in them: a split, a trim and a join per
 * line of every article). Stored content hashes depend on this string staying the same.
 */
export function contentKey(text: string): string {
  return text.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Paragraphs: blank-line separated blocks; a text without blank lines splits on single newlines. */
export function splitParagraphs(text: string): string[] {
  const blocks = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  if (blocks.length > 1) return blocks;
  return text.split('\n').map((p) => p.trim()).filter(Boolean);
}

/** Does the text carry case information at all? Seed 000 is all lower case. */
export function hasCaseInformation(text: string): boolean {
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < text.length && letters < 5000; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters === 0 || upper / letters > 0.01;
}
