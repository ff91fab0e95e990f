/**
 * Tokens and sentences with UTF-16 offsets into the text they came from.
 *
 * A regex tokenizer rather than wink-nlp here: this runs on every article at ingest and
 * only needs word boundaries, case and offsets; wink's full pipeline costs ~10x more.
 * Sentences fall back to fixed token windows on text without punctuation (seed 000).
 */

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-cased form. */
  lower: string;
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last in the token array. */
  firstToken: number;
  endToken: number;
}

// Words with inner apostrophes, hyphens and dots (U.S., Jong-un, don't) and numbers with separators.
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*\.?/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    let word = match[0];
    // Keep a trailing dot only for abbreviations like "U.S." or "Mr."; otherwise it ends a sentence.
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$|^(?:mr|mrs|ms|dr|st|jr|sr|gen|gov|sen|rep|lt|col|prof|inc|corp|co|ltd|no|vs)\.$/iu.test(word)) {
      word = word.slice(0, -1);
    }
    const start = match.index!;
    tokens.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length });
  }
  return tokens;
}

/** Longest run of tokens treated as one sentence before falling back to fixed windows. */
export const MAX_SENTENCE_TOKENS = 60;
/** Window size used where punctuation does not mark sentences. */
export const FALLBACK_WINDOW_TOKENS = 25;

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;

/**
 * Sentences from punctuation and line breaks; any span longer than MAX_SENTENCE_TOKENS
 * (no usable punctuation) is cut into fixed windows so downstream stages still get units.
 */
export function splitSentences(text: string, tokens: Token[] = tokenize(text)): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (endToken: number) => {
    if (endToken <= first) return;
    const step = endToken - first > MAX_SENTENCE_TOKENS ? FALLBACK_WINDOW_TOKENS : endToken - first;
    for (let s = first; s < endToken; s += step) {
      const stop = Math.min(endToken, s + step);
      sentences.push({ start: tokens[s].start, end: tokens[stop - 1].end, firstToken: s, endToken: stop });
    }
    first = endToken;
  };
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(tokens[i].end, next.start);
    const endsSentence =
      gap.includes('\n') ||
      (SENTENCE_END.test(gap.trimEnd() || (tokens[i].text.endsWith('.') ? '.' : '')) &&
        /^[\p{Lu}\p{N}"“'‘]/u.test(text.slice(next.start - (/["“'‘]$/.test(gap) ? 1 : 0))) &&
        !/^(?:mr|mrs|ms|dr|st|gen|gov|sen|rep|lt|col|prof)\.$/i.test(tokens[i].text));
    if (endsSentence) close(i + 1);
  }
  close(tokens.length);
  return sentences;
}
