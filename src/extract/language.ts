/**
 * The article's language: `eld` on the extracted text, which says what the text *is*;
 * the page's declared language (<html lang>, then other declarations) when the text is
 * too short or eld is not confident — declarations are often a site-wide default.
 */
import { eld } from 'eld/small';

/** Below this many letters eld's guess is noise. */
const MIN_LETTERS = 40;
/** eld is linear in input length; the first few paragraphs decide. */
const SAMPLE_CHARS = 1000;

export interface LanguageGuess {
  language: string | null;
  source: 'text' | 'declared' | null;
}

/**
 * Close languages a character n-gram model confuses; when the page declares the other
 * member of the pair, the declaration decides.
 */
const CONFUSABLE: Record<string, string[]> = {
  ms: ['id'], id: ['ms'], no: ['da', 'nb', 'nn'], da: ['no', 'nb', 'nn'], hr: ['sr', 'bs'], sr: ['hr', 'bs'], bs: ['hr', 'sr'],
  cs: ['sk'], sk: ['cs'], gl: ['pt', 'es'], ca: ['es'],
};

export function detectLanguage(text: string, declared: string | null): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters >= MIN_LETTERS) {
    const result = eld.detect(sample);
    if (result.language && result.isReliable()) {
      if (declared && CONFUSABLE[result.language]?.includes(declared)) return { language: declared, source: 'declared' };
      return { language: result.language, source: 'text' };
    }
  }
  if (declared) return { language: declared, source: 'declared' };
  return { language: null, source: null };
}
