/**
 * Tokens and sentences for the tagger, with UTF-16 offsets into the input text.
 *
 * Two tokenisers, because the tagger has two input regimes:
 * - cased text is split the way CoNLL-2003 (Penn Treebank style) splits it, since that is
 *   what the model was trained on: punctuation apart, clitics ('s, n't) apart,
 *   abbreviations (U.S., Mr.) and hyphenated words kept whole;
 * - caseless text (all lowercase, often with punctuation stripped, as scraped copies come)
 *   is split into runs of letters and digits only, which is exactly how the caseless
 *   training copies are made from CoNLL (see conll.ts `caselessCopy`).
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations whose period belongs to the word, so it neither splits nor ends a sentence. */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'gov', 'sen',
    'rep', 'rev', 'st', 'jr', 'sr', 'inc', 'corp', 'ltd', 'co', 'plc', 'bros', 'vs', 'etc', 'no',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt',
    'ft', 'approx', 'dept', 'est', 'fig', 'pp', 'vol', 'univ', 'ave', 'blvd',
  ],
);

const CLITIC = /^(.+?)(n't|n’t|'s|’s|'re|’re|'ll|’ll|'ve|’ve|'m|’m|'d|’d)$/i;

/**
 * One regex, alternatives tried in order at each position:
 * URL/e-mail, number (with inner separators and unit letters: 1996-08-22, 3.5, 1990s),
 * dotted abbreviation (U.S., a.m.), word (letters/digits with inner hyphens or
 * apostrophes), ellipsis or dash run, any other single character.
 */
const CASED_TOKEN =
  /(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'’”]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[+-]?\d+(?:[.,:/-]\d+)*[\p{L}]*|(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}_]+(?:[-'’&][\p{L}\p{M}\p{N}_]+)*|\.{2,}|-{2,}|[^\s]/uy;

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * Characters that end a run of ASCII letters as a plain word whatever CASED_TOKEN's earlier
 * alternatives would try: not ':' or '.' (a URL, an abbreviation, a sentence end), not '@',
 * '+', '-', '_' or a digit (an e-mail, a number), not an apostrophe or '&' (a clitic or an
 * inner joiner), not a letter or mark of any script.
 */
const PLAIN_WORD_END = new Uint8Array(128);
for (const c of ' \n\r\t,;!?)"]') PLAIN_WORD_END[c.charCodeAt(0)] = 1;
const RIGHT_DOUBLE_QUOTE = 0x201d;

/**
 * Split cased text into CoNLL-style tokens. Most tokens are ASCII words followed by a space
 * or a comma: those are cut here directly, and only the rest go through CASED_TOKEN (with
 * `fastPath: false` every token does, which tests use to check that both cut alike).
 */
export function tokenizeCased(text: string, options: { fastPath?: boolean } = {}): Token[] {
  const fastPath = options.fastPath !== false;
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x3000) {
      i++;
      continue;
    }
    if (fastPath && isAsciiLetter(code)) {
      let j = i + 1;
      while (j < length && isAsciiLetter(text.charCodeAt(j))) j++;
      const next = j < length ? text.charCodeAt(j) : 32;
      if (next < 128 ? PLAIN_WORD_END[next] === 1 : next === RIGHT_DOUBLE_QUOTE) {
        tokens.push({ text: text.slice(i, j), start: i, end: j });
        i = j;
        continue;
      }
    }
    CASED_TOKEN.lastIndex = i;
    const match = CASED_TOKEN.exec(text);
    const word = match ? match[0] : text[i];
    let end = i + word.length;
    // A word followed by "." is one token when it is a known abbreviation or an initial (J.).
    if (text[end] === '.' && /^\p{L}+$/u.test(word)) {
      const lower = word.toLowerCase();
      const initial = word.length === 1 && /\p{Lu}/u.test(word);
      if (ABBREVIATIONS.has(lower) || initial) end++;
    }
    const tokenText = text.slice(i, end);
    const clitic = CLITIC.exec(tokenText);
    if (clitic && /\p{L}/u.test(clitic[1]) && !/^n'?t$/i.test(tokenText)) {
      const split = i + clitic[1].length;
      tokens.push({ text: clitic[1], start: i, end: split });
      tokens.push({ text: text.slice(split, end), start: split, end });
    } else {
      tokens.push({ text: tokenText, start: i, end });
    }
    i = end;
  }
  return tokens;
}

const TERMINAL = new Set(['.', '!', '?', '...', '…']);
const CLOSERS = new Set(['"', "'", '’', '”', ')', ']', '»']);

/**
 * Group cased tokens into sentences: after terminal punctuation (plus any closing quotes)
 * when the next token starts a new sentence, and at line breaks that end a paragraph, a
 * headline or a list item. Returns token index ranges.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Array<[number, number]> {
  const sentences: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!next) break;
    let boundary = false;
    if (TERMINAL.has(tokens[i].text)) {
      // Let closing quotes/brackets stay with the sentence they close.
      if (CLOSERS.has(next.text) && tokens[i + 2] && !sameLine(text, next.end, tokens[i + 2].start)) continue;
      boundary = startsSentence(next.text);
    } else if (CLOSERS.has(tokens[i].text) && i > 0 && TERMINAL.has(tokens[i - 1].text)) {
      boundary = startsSentence(next.text);
    }
    if (!boundary) boundary = lineBreakEndsSentence(text, tokens[i], next);
    if (boundary) {
      sentences.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < tokens.length) sentences.push([start, tokens.length]);
  return sentences;
}

function startsSentence(tokenText: string): boolean {
  return /^[\p{Lu}\p{N}"'“‘(\[«-]/u.test(tokenText);
}

function sameLine(text: string, from: number, to: number): boolean {
  return text.slice(from, to).indexOf('\n') < 0;
}

/** Paragraph breaks always end a sentence; a single newline does after punctuation or a short line. */
function lineBreakEndsSentence(text: string, token: Token, next: Token): boolean {
  const gap = text.slice(token.end, next.start);
  const firstBreak = gap.indexOf('\n');
  if (firstBreak < 0) return false;
  if (gap.indexOf('\n', firstBreak + 1) >= 0) return true;
  if (/[.!?:;"'”’)\]]$/.test(token.text)) return true;
  const lineStart = text.lastIndexOf('\n', token.start) + 1;
  const SHORT_LINE = 60; // headlines, datelines and list items; prose wrapped by hand is longer
  return token.end - lineStart < SHORT_LINE;
}

const CASELESS_TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Split text into runs of letters and digits: the caseless tokenisation. */
export function tokenizeCaseless(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(CASELESS_TOKEN)) {
    const start = match.index ?? 0;
    tokens.push({ text: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

/**
 * Caseless sequences: the text split at line breaks and at terminal punctuation when
 * there is any; lowercase scraped text often has neither, and then it is one sequence
 * (decoding is linear in its length).
 */
export function splitCaselessSequences(text: string, tokens: readonly Token[]): Array<[number, number]> {
  const sequences: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const gap = text.slice(tokens[i].end, tokens[i + 1].start);
    if (/[\n.!?]/.test(gap)) {
      sequences.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < tokens.length) sequences.push([start, tokens.length]);
  return sequences;
}

/**
 * Does case carry information in this text? Lowercased (or all-caps) text has no
 * usable capitalisation, so the tagger must use its caseless tokeniser and features.
 */
export function isCaseless(text: string): boolean {
  let upper = 0;
  let cased = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code >= 65 && code <= 90) {
        upper++;
        cased++;
      } else if (code >= 97 && code <= 122) cased++;
      continue;
    }
    const ch = text[i];
    const lower = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lower === up) continue;
    cased++;
    if (ch === up) upper++;
  }
  if (cased === 0) return false;
  const ratio = upper / cased;
  // English news runs at 3–6 % capitals; below 0.5 % the few left are stray acronyms.
  return ratio < 0.005 || ratio > 0.9;
}
