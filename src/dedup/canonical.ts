/**
 * Canonical token stream of an article for copy detection: lowercased, punctuation gone,
 * inflections reduced, synonyms and aliases folded to one form, each token keeping the UTF-16
 * span it came from so aligned passages point back into the original text.
 *
 * The same function reads clean and degraded text alike: "Kim's" and "kim s" give the same
 * tokens, and nothing here depends on case or punctuation except the quote marks, which only
 * flag tokens (same-story articles share quotes; copies share the prose around them).
 */
import { isStopword } from './canonical-stopwords.ts';
import { canonicalWord, synonymTables, wordSynsets, type PhraseNode } from './synonyms.ts';
import { WORD_HASH_SEED, WordTable, wordHash, wordHashStep } from '../text/word-table.ts';

/** Token flag: a function word. */
export const FLAG_STOPWORD = 1;
/** Token flag: inside quotation marks (direct speech or a quoted title). */
export const FLAG_QUOTED = 2;
/** Token flag: first token after a line break. */
export const FLAG_LINE_START = 4;

/**
 * One distinct word (or folded phrase) as canonicalise reads it. Shared by every text it
 * occurs in: a canonical text holds references to these, not strings of its own.
 */
export interface CanonicalWord {
  /** The word as written, lowercased, without diacritics (a folded phrase's words joined by a space). */
  word: string;
  /** Its canonical form: synonyms and aliases folded to one string. */
  canonical: string;
  /** 32-bit FNV-1a hash of `canonical` (stable across processes). */
  hash: number;
  stopword: boolean;
  /** WordNet synset ids (its own and its lemma's senses), for synonym checks. */
  synsets: Int32Array | undefined;
}

/**
 * A text's canonical tokens. Compact on purpose: copy detection keeps tens of thousands of
 * these in memory (recent articles and the first holders of shared passages are the likely
 * sources of new copies), so a token costs one shared reference and a few typed-array slots
 * (~30 bytes, against ~50 when each text held its own arrays of strings and synsets, plus
 * a seed table per text; see docs/BENCHMARKS.md, session 6).
 */
export interface CanonicalText {
  /** Each token's word, shared across texts. */
  entries: CanonicalWord[];
  /** UTF-16 offset of each token's first code unit in the original text. */
  starts: Int32Array;
  /** UTF-16 offset just past each token's last code unit. */
  ends: Int32Array;
  /** entries[i].hash, unpacked: the aligner compares these in its inner loops. */
  hashes: Uint32Array;
  /** FLAG_* bits per token. */
  flags: Uint8Array;
  /** Seed keys of the aligner (align.ts), computed on first use and kept with the text. */
  seedKeys?: Uint32Array;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Lowercase, without diacritics ("Müller" and "muller" are one name in degraded text). */
export function normaliseWord(raw: string): string {
  const lower = raw.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return lower.normalize('NFD').replace(COMBINING_MARKS, '');
  }
  return lower;
}

/** FNV-1a over UTF-16 code units: cheap, stable, good enough to key shingles. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Everything canonicalise needs about one distinct word, computed once per process. */
interface WordInfo extends CanonicalWord {
  /** Phrase trie node this word starts, if any. */
  phrase: PhraseNode | undefined;
}

const MAX_WORD_CACHE = 300_000;
const hashCache = new Map<string, number>();

function tokenHash(token: string): number {
  let h = hashCache.get(token);
  if (h === undefined) {
    if (hashCache.size > MAX_WORD_CACHE) hashCache.clear();
    h = fnv1a32(token);
    hashCache.set(token, h);
  }
  return h;
}

function describeWord(raw: string): WordInfo {
  const word = normaliseWord(raw);
  const canonical = canonicalWord(word);
  return {
    word,
    canonical,
    hash: tokenHash(canonical),
    stopword: isStopword(word),
    synsets: wordSynsets(word),
    phrase: synonymTables().phraseTrie.get(word),
  };
}

/** Words as written → what canonicalise needs of them; looked up in place (see WordTable). */
const wordCache = new WordTable(describeWord, MAX_WORD_CACHE);

/** The word entry of each folded phrase, by the trie node where the phrase ends. */
const phraseEntries = new Map<PhraseNode, CanonicalWord>();

/** Registered aliases change canonical forms: forget what was cached. */
export function clearCanonicalCache(): void {
  wordCache.clear();
  phraseEntries.clear();
  wordGeneration++;
}

function phraseEntry(node: PhraseNode, infos: WordInfo[], from: number, span: number): CanonicalWord {
  let entry = phraseEntries.get(node);
  if (entry === undefined) {
    let phrase = infos[from].word;
    for (let j = 1; j < span; j++) phrase += ' ' + infos[from + j].word;
    const canonical = node.value!;
    entry = { word: phrase, canonical, hash: tokenHash(canonical), stopword: false, synsets: wordSynsets(phrase) };
    phraseEntries.set(node, entry);
  }
  return entry;
}

/** Per UTF-16 code unit: 0 not yet known, 1 part of a word, 2 not. Filled on first sight. */
const wordCharTable = new Uint8Array(65536);

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let known = wordCharTable[c];
  if (known === 0) {
    // Surrogates (emoji and other astral characters) are not words here.
    known = c < 0xd800 || c > 0xdfff ? (WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2) : 2;
    wordCharTable[c] = known;
  }
  return known === 1;
}

/**
 * An embedded social-media post (a line with an @handle or a pic.twitter.com link) is
 * quoted material even when the page lost its quote marks.
 */
const SOCIAL_POST = /(^|[\s(])@[A-Za-z0-9_]{2,}|pic\.twitter\.com/;

function isSocialPostLine(text: string, from: number): boolean {
  let to = text.indexOf('\n', from);
  if (to < 0) to = text.length;
  return SOCIAL_POST.test(text.slice(from, to));
}

/**
 * Per-word scratch of canonicalise, reused across calls (grown when a text needs more): the
 * scan writes here, the fold reads it and copies out arrays of the exact size.
 */
const scratchInfos: WordInfo[] = [];
let scratchStarts = new Int32Array(4096);
let scratchEnds = new Int32Array(4096);
/** FLAG_QUOTED and FLAG_LINE_START of each word (the stopword bit comes with its WordInfo). */
let scratchFlags = new Uint8Array(4096);

function reserveScratch(words: number): void {
  if (scratchStarts.length >= words) return;
  const size = Math.max(words, scratchStarts.length * 2);
  scratchStarts = new Int32Array(size);
  scratchEnds = new Int32Array(size);
  scratchFlags = new Uint8Array(size);
}

/**
 * The words of a text as canonicalise reads them: each word's value in `table` (looked up by
 * its characters in place), span and position flags, written to `values`, scratchStarts,
 * scratchEnds and scratchFlags; returns the word count. A text has at most one word per two
 * code units. Shared by canonicalise and WordNumbering, so both read the same words.
 */
function scanWords<V>(text: string, table: WordTable<V>, values: V[]): number {
  const length = text.length;
  reserveScratch((length >> 1) + 1);
  const wordStarts = scratchStarts;
  const wordEnds = scratchEnds;
  const wordFlags = scratchFlags;
  const hasAt = text.includes('@');
  let quoted = false;
  let lineStart = true;
  let socialPost = hasAt && isSocialPostLine(text, 0);
  let n = 0;
  for (let i = 0; i < length; ) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      if (c === 10) {
        lineStart = true;
        quoted = false; // a quote left open at a paragraph end is re-opened by the next one
        socialPost = hasAt && isSocialPostLine(text, i + 1);
      } else if (c === 0x22) quoted = !quoted; // "
      else if (c === 0x201c || c === 0xab || c === 0x201e) quoted = true; // “ « „
      else if (c === 0x201d || c === 0xbb) quoted = false; // ” »
      i++;
      continue;
    }
    let j = i + 1;
    let h = wordHashStep(WORD_HASH_SEED, c);
    for (let d: number; j < length && isWordChar((d = text.charCodeAt(j))); j++) h = wordHashStep(h, d);
    values[n] = table.get(text, i, j, h);
    wordStarts[n] = i;
    wordEnds[n] = j;
    let f = 0;
    if (quoted || socialPost) f |= FLAG_QUOTED;
    if (lineStart) f |= FLAG_LINE_START;
    wordFlags[n] = f;
    n++;
    lineStart = false;
    i = j;
  }
  return n;
}

/**
 * The canonical text of the `n` words in scratchInfos and the scratch spans and flags: folds
 * multiword phrases (longest match through the trie) and emits tokens.
 */
function foldWords(n: number): CanonicalText {
  const infos = scratchInfos;
  const wordStarts = scratchStarts;
  const wordEnds = scratchEnds;
  const wordFlags = scratchFlags;
  const entries = new Array<CanonicalWord>(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const hashes = new Uint32Array(n);
  const flags = new Uint8Array(n);
  let k = 0;
  for (let i = 0; i < n; ) {
    let span = 1;
    let folded: PhraseNode | undefined;
    let node = infos[i].phrase;
    for (let len = 2; node?.next && i + len <= n; len++) {
      node = node.next.get(infos[i + len - 1].word);
      if (node?.value !== undefined) {
        folded = node;
        span = len;
      }
    }
    let entry: CanonicalWord;
    if (folded !== undefined) {
      entry = phraseEntry(folded, infos, i, span);
      flags[k] = wordFlags[i]; // a folded phrase is a name, not a function word
    } else {
      entry = infos[i];
      flags[k] = entry.stopword ? wordFlags[i] | FLAG_STOPWORD : wordFlags[i];
    }
    entries[k] = entry;
    hashes[k] = entry.hash;
    starts[k] = wordStarts[i];
    ends[k] = wordEnds[i + span - 1];
    k++;
    i += span;
  }
  // Let go of the words of this text (the scratch would otherwise pin them until overwritten).
  infos.length = 0;
  return {
    entries: k === n ? entries : entries.slice(0, k),
    starts: k === n ? starts : starts.slice(0, k),
    ends: k === n ? ends : ends.slice(0, k),
    hashes: k === n ? hashes : hashes.slice(0, k),
    flags: k === n ? flags : flags.slice(0, k),
  };
}

/** Canonical tokens of a text; synonym tables must be loaded (initCopyDetection). */
export function canonicalise(text: string): CanonicalText {
  return foldWords(scanWords(text, wordCache, scratchInfos));
}

/**
 * A text's words as canonicalise scans them, with numbers for words (WordNumbering): what a
 * prepare worker posts so that the thread detecting copies builds the canonical text
 * (canonicalFromNumbered) without scanning and hashing the text again. Packed in one array:
 * [number, start, end, flags] per word.
 */
export type NumberedWords = Int32Array;

/**
 * A prepare worker's side: numbers the distinct words (as written) it scans, in order of
 * first sight, and keeps the words numbered since the last takeNew() to post. The receiving
 * side keeps them in order (CanonicalWordSpace). Numbering starts over (`restart`) between
 * messages only, never within one, so every message's numbers belong to one generation.
 */
export class WordNumbering {
  private unposted: Array<string | null> = [];
  private readonly table: WordTable<number>;
  private readonly numbers: number[] = [];

  constructor(private readonly restartAfter = MAX_WORD_CACHE) {
    // Room for a message's worth of new words beyond restartAfter: the table must never
    // clear itself (renumber) in the middle of a message.
    // A new word's number is the table's size when it is described (before it is added).
    this.table = new WordTable((word) => {
      this.unposted.push(word);
      return this.table.size;
    }, restartAfter + 200_000);
  }

  /**
   * Call before the words of a message: past `restartAfter` words the numbering starts over
   * here, and a null among the new words tells the receiving side.
   */
  startMessage(): void {
    if (this.table.size <= this.restartAfter) return;
    this.table.clear();
    this.unposted.push(null);
  }

  /** The words of `text` (an analysis text, as canonicalise would read it), numbered. */
  words(text: string): NumberedWords {
    const n = scanWords(text, this.table, this.numbers);
    const out = new Int32Array(n * 4);
    for (let i = 0; i < n; i++) {
      out[i * 4] = this.numbers[i];
      out[i * 4 + 1] = scratchStarts[i];
      out[i * 4 + 2] = scratchEnds[i];
      out[i * 4 + 3] = scratchFlags[i];
    }
    this.numbers.length = 0;
    return out;
  }

  /** What was numbered since the last call, in order (null: the numbering started over). Post it with the message. */
  takeNew(): Array<string | null> {
    const out = this.unposted;
    this.unposted = [];
    return out;
  }
}

/** Bumped whenever cached word descriptions change meaning (clearCanonicalCache). */
let wordGeneration = 0;

/** The receiving side of one WordNumbering: its words in number order, and their descriptions once asked. */
export class CanonicalWordSpace {
  private words: string[] = [];
  private infos: Array<WordInfo | undefined> = [];
  private generation = wordGeneration;

  /** Applies what the worker's takeNew() returned. */
  extend(newWords: ReadonlyArray<string | null>): void {
    for (const word of newWords) {
      if (word === null) {
        this.words = [];
        this.infos = [];
      } else this.words.push(word);
    }
  }

  info(number: number): WordInfo {
    if (this.generation !== wordGeneration) {
      this.infos = [];
      this.generation = wordGeneration;
    }
    let info = this.infos[number];
    if (info === undefined) {
      const word = this.words[number];
      if (word === undefined) throw new Error(`word ${number} was never posted`);
      info = wordCache.get(word, 0, word.length, wordHash(word, 0, word.length));
      this.infos[number] = info;
    }
    return info;
  }
}

/** canonicalise(text) for the text a worker numbered, with its words from `space`. */
export function canonicalFromNumbered(words: NumberedWords, space: CanonicalWordSpace): CanonicalText {
  const n = words.length >> 2;
  reserveScratch(n);
  for (let i = 0; i < n; i++) {
    scratchInfos[i] = space.info(words[i * 4]);
    scratchStarts[i] = words[i * 4 + 1];
    scratchEnds[i] = words[i * 4 + 2];
    scratchFlags[i] = words[i * 4 + 3];
  }
  return foldWords(n);
}

/** The canonical tokens as strings (evaluation and tests; the aligner reads entries in place). */
export function canonicalTokens(c: CanonicalText): string[] {
  return c.entries.map((e) => e.canonical);
}

/** The tokens as written (lowercased, without diacritics), as strings. */
export function writtenWords(c: CanonicalText): string[] {
  return c.entries.map((e) => e.word);
}

/** Number of content (non-stopword) tokens. */
export function contentTokenCount(c: CanonicalText): number {
  let count = 0;
  for (let i = 0; i < c.flags.length; i++) if ((c.flags[i] & FLAG_STOPWORD) === 0) count++;
  return count;
}
