/**
 * Tokens and sentences with UTF-16 offsets into the text they came from.
 *
 * A regex tokenizer rather than wink-nlp here: this runs on every article at ingest and
 * only needs word boundaries, case and offsets; wink's full pipeline costs ~10x more.
 * Sentences fall back to fixed token windows on text without punctuation (seed 000).
 */
import { WORD_HASH_SEED, WordTable, wordHashStep } from './word-table.ts';
import { CharClass } from './char-class.ts';

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-cased form. */
  lower: string;
  start: number;
  end: number;
  /** On tokens cut by `tokenize`: the forms this word shares with its other tokens. */
  forms?: WordForms;
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
/** A trailing dot is kept only by initials ("U.S.") and these abbreviations ("Mr."). */
const KEEPS_DOT = /^(?:\p{L}\.)+$|^(?:mr|mrs|ms|dr|st|jr|sr|gen|gov|sen|rep|lt|col|prof|inc|corp|co|ltd|no|vs)\.$/iu;

/**
 * The tokeniser's definition, one regular expression over the whole text. `tokenize` cuts
 * the same tokens with a scanner (tests and `npm run bench:fast-paths` compare the two).
 */
export function tokenizeByPattern(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    let word = match[0];
    // Keep a trailing dot only for abbreviations like "U.S." or "Mr."; otherwise it ends a sentence.
    if (word.endsWith('.') && !KEEPS_DOT.test(word)) word = word.slice(0, -1);
    const start = match.index!;
    tokens.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length });
  }
  return tokens;
}

/** Letters, marks and digits: what TOKEN_PATTERN's runs are made of. */
const WORD_CHARS = new CharClass(/^[\p{L}\p{M}\p{N}]$/u);

/** ' ’ . - & : joiners inside a word when a word character follows. */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || c === 38;
}

/**
 * A word as written and lowercased, one pair of strings per distinct word (see WordTable),
 * with room for facts a later stage derives from the word alone and would otherwise look up
 * in a map of its own for every token.
 */
export interface WordForms {
  text: string;
  lower: string;
  /** The clustering's term key of the word, null for none (src/cluster/features.ts); undefined until asked. */
  termKey: string | null | undefined;
  /** The number of termKey in the TermNumbers with id termOwner (src/cluster/term-numbers.ts); 0: none yet. */
  termOwner: number;
  termNumber: number | null;
}

const wordForms = new WordTable<WordForms>((word) => ({ text: word, lower: word.toLowerCase(), termKey: undefined, termOwner: 0, termNumber: null }), 200_000);

/**
 * Words with spans, as TOKEN_PATTERN cuts them, by a scanner: the pattern applied with
 * matchAll, a new string per token and another for its lowercase form cost 0.078 ms per
 * bench text, this 0.047 (`npm run bench:fast-paths`). Distinct words share their strings
 * (WordTable) instead of allocating two per token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    let width = WORD_CHARS.widthAt(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = WORD_HASH_SEED;
    // [\p{L}\p{M}\p{N}]+ then any number of (joiner, [\p{L}\p{M}\p{N}]+).
    for (;;) {
      do {
        for (let k = 0; k < width; k++) h = wordHashStep(h, text.charCodeAt(i + k));
        i += width;
      } while (i < length && (width = WORD_CHARS.widthAt(text, i)) !== 0);
      if (i + 1 < length && isJoiner(text.charCodeAt(i)) && (width = WORD_CHARS.widthAt(text, i + 1)) !== 0) {
        h = wordHashStep(h, text.charCodeAt(i));
        i++;
        continue;
      }
      break;
    }
    let end = i;
    // "\.?": a dot after the word stays with it only for initials and abbreviations.
    if (end < length && text.charCodeAt(end) === 46) {
      i = end + 1;
      if (KEEPS_DOT.test(text.slice(start, end + 1))) {
        h = wordHashStep(h, 46);
        end++;
      }
    }
    const forms = wordForms.get(text, start, end, h);
    tokens.push({ text: forms.text, lower: forms.lower, start, end, forms });
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
