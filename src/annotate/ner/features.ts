/**
 * Feature extraction for the sequence tagger. Shared by training and tagging, so both see
 * exactly the same features.
 *
 * Each feature is a 32-bit hash (template id mixed with the hashes of the strings it
 * looks at); the model maps hashes to weight rows. Templates follow what works for
 * perceptron NER (Ratinov & Roth 2009): the word and its neighbours, word shape, affixes,
 * capitalisation flags, gazetteer matches, and document-level evidence about how the same
 * word is written elsewhere in the document.
 *
 * Cased and caseless sequences share one weight space: the lowercased training copies add
 * evidence to the word features of both. Separate spaces were measured too (same dev F1,
 * a larger file); case-free templates simply do not fire on caseless input.
 */
import { GAZETTEER_CATEGORIES, GAZETTEER_CATEGORY_COUNT, Gazetteer, normalKeyHash, normaliseKeyToken } from './gazetteer.ts';
import { hashString, hashStep, HASH_SEED, mix2, mix3 } from './hash.ts';

/** One sequence to tag: its tokens and where they sit in their document. */
export interface FeatureSequence {
  words: readonly string[];
  /** Text without usable capitalisation: case features carry nothing, the model knows. */
  caseless: boolean;
  /** Whole-document evidence per lowercased word (see `documentEvidence`); optional. */
  evidence?: DocumentEvidence;
}

/** Per lowercased word, how the document writes it elsewhere (bit set of EVIDENCE_*). */
export type DocumentEvidence = Map<string, number>;
const EVIDENCE_LOWER = 1; // written in lowercase somewhere
const EVIDENCE_TITLE_MID = 2; // capitalised in the middle of a sentence somewhere
const EVIDENCE_UPPER_MID = 4; // all capitals in the middle of a mixed-case sentence

/**
 * How a document writes each word, from its cased sentences. A capitalised word at the
 * start of a sentence or in an all-caps headline is ambiguous; the same word written in
 * lowercase (or capitalised mid-sentence) elsewhere resolves it.
 */
export function documentEvidence(
  sentences: ReadonlyArray<readonly string[]>,
  lowercased?: ReadonlyArray<readonly string[]>,
  modes?: readonly WordMode[],
): DocumentEvidence {
  const evidence: DocumentEvidence = new Map();
  for (let k = 0; k < sentences.length; k++) {
    const words = sentences[k];
    // The caller's sequence modes when it has them (each is one more pass over the letters).
    const headline = modes ? modes[k] === WordMode.Headline : isAllCapsSentence(words);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const first = word.charCodeAt(0);
      if (!isLetterCode(first)) continue;
      // The caller's lowercased words when it has them (the tagger's word cache): no new strings.
      const lower = lowercased ? lowercased[k][i] : word.toLowerCase();
      let bits = 0;
      if (word === lower) bits = EVIDENCE_LOWER;
      else if (i > 0 && !headline && !isSentenceStartAfter(words[i - 1])) {
        bits = word === word.toUpperCase() && word.length > 1 ? EVIDENCE_UPPER_MID : EVIDENCE_TITLE_MID;
      }
      if (bits) evidence.set(lower, (evidence.get(lower) ?? 0) | bits);
    }
  }
  return evidence;
}

function isSentenceStartAfter(previous: string): boolean {
  return previous === '"' || previous === '(' || previous === ':' || previous === '-' || previous === '--';
}

function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

/** A headline or a dateline in capitals: case tells little about its words. */
export function isAllCapsSentence(words: readonly string[]): boolean {
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        upper++;
        letters++;
      } else if (c >= 97 && c <= 122) letters++;
    }
  }
  return letters >= 4 && upper / letters > 0.9;
}

/** Template ids: every feature is mixed with one, so templates never share a hash space. */
const enum T {
  Bias = 1,
  Lower,
  Cased,
  LowerPrev,
  LowerNext,
  LowerPrev2,
  LowerNext2,
  BigramPrev,
  BigramNext,
  Prefix,
  Suffix,
  Shape,
  ShortShape,
  ShortShapePrev,
  ShortShapeNext,
  ShapeTrigram,
  ShapeWithPrevWord,
  ShapeWithNextWord,
  Flags,
  SentenceStart,
  Headline,
  Gaz,
  GazPrev,
  GazNext,
  GazShape,
  GazNameRun,
  LexClass3,
  BigramPrev2,
  BigramNext2,
  Evidence,
  CharTrigram,
  Length,
  Caseless,
}

/** Normalised lexical form: lowercase, digits folded to 0, typographic quotes unified. */
export function lexicalForm(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) out += '0';
    else if (c === 0x2019 || c === 0x2018 || c === 0x60) out += "'";
    else if (c === 0x201c || c === 0x201d) out += '"';
    else out += word[i];
  }
  return out.toLowerCase();
}

/** Word shape with runs capped at 4: "Putin" → "Xxxxx", "1996-08-22" → "dddd-dd-dd". */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const kind = ch >= '0' && ch <= '9' ? 'd' : ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    run = kind === last ? run + 1 : 1;
    last = kind;
    if (run <= 4) out += kind;
  }
  return out;
}

/** Short shape: every run collapsed, "Putin" → "Xx", "U.S." → "X.X.". */
export function shortShape(shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length; i++) if (shape[i] !== shape[i - 1]) out += shape[i];
  return out;
}

const FLAG_TITLE = 1;
const FLAG_ALLCAPS = 2;
const FLAG_DIGIT = 4;
const FLAG_HYPHEN = 8;
const FLAG_PERIOD = 16;
const FLAG_INITIAL = 32;
const FLAG_PUNCT = 64;
const FLAG_MIXED = 128;

function wordFlags(word: string): number {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let flags = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch >= '0' && ch <= '9') digit++;
    else if (ch === '-') flags |= FLAG_HYPHEN;
    else if (ch === '.') flags |= FLAG_PERIOD;
    else if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  if (upper > 0 && word[0] !== word[0].toLowerCase() && lower > 0) flags |= FLAG_TITLE;
  if (upper > 0 && lower === 0) flags |= FLAG_ALLCAPS;
  if (upper > 1 && lower > 0) flags |= FLAG_MIXED;
  if (digit > 0) flags |= FLAG_DIGIT;
  if (upper + lower + digit === 0) flags |= FLAG_PUNCT;
  if (word.length === 2 && word[1] === '.' && upper === 1) flags |= FLAG_INITIAL;
  return flags;
}

const BOUNDARY_HASH = hashString('<s>');
const AFFIX_LENGTHS = 4;

/** How many intrinsic features after the bias identify the word itself (see `wordInfo`). */
export function wordIdentityFeatures(mode: WordMode): number {
  return mode === WordMode.Caseless ? 1 : 2;
}

/**
 * What a template needs to know about one word, independent of its context: the hashes of
 * its strings and the hashes of its intrinsic features (the word, its affixes, shape and
 * flags). Computed once per distinct word and cached: words repeat (Zipf), so most tokens
 * of a text cost a map lookup here.
 */
export interface WordInfo {
  lower: number;
  short: number;
  flags: number;
  key: number;
  /** The gazetteer's bits for the word alone (Gazetteer.wordBits), when the caller caches them. */
  gazetteerBits?: number;
  /** The word lowercased, as document evidence is keyed. */
  lowercase: string;
  /** The gazetteer's normal form of the word (`normaliseKeyToken`); `key` is its hash. */
  normal: string;
  /** Has a capital letter anywhere ("Putin", "eBay", "US"): see `NerModel.emissions`. */
  capital: boolean;
  /** Has a letter that has case (not punctuation, digits or caseless scripts). */
  cased: boolean;
  intrinsic: Uint32Array;
}

/**
 * How a sequence's words are read: cased text, caseless text, or an all-caps line (a
 * headline or dateline) inside cased text, where capitals say nothing about a word.
 */
export const enum WordMode {
  Cased = 0,
  Caseless = 1,
  Headline = 2,
}

export function sequenceMode(sequence: FeatureSequence): WordMode {
  if (sequence.caseless) return WordMode.Caseless;
  return isAllCapsSentence(sequence.words) ? WordMode.Headline : WordMode.Cased;
}

/** All-caps words in mixed-case text are read as acronyms apart from the word (US ≠ us, UN ≠ Un). */
const ACRONYM_MARK = '\u2191';

export function wordInfo(word: string, mode: WordMode): WordInfo {
  const caseless = mode === WordMode.Caseless;
  const flags = wordFlags(word);
  const base = lexicalForm(word);
  const acronym = mode === WordMode.Cased && (flags & FLAG_ALLCAPS) !== 0 && word.length > 1;
  const form = acronym ? base + ACRONYM_MARK : base;
  const lower = hashString(form);
  const shape = wordShape(word);
  const short = hashString(shortShape(shape));
  // Layout matters to training's word dropout: [bias, word, exact word (cased only), …].
  const intrinsic: number[] = [mix2(T.Bias, caseless ? 2 : 1), mix2(T.Lower, lower)];
  if (!caseless) intrinsic.push(mix2(T.Cased, hashString(word)));
  let prefix = HASH_SEED;
  for (let k = 0; k < AFFIX_LENGTHS && k < base.length; k++) {
    prefix = hashStep(prefix, base.charCodeAt(k));
    intrinsic.push(mix3(T.Prefix, k, prefix));
  }
  let suffix = HASH_SEED;
  for (let k = 0; k < AFFIX_LENGTHS && k < base.length; k++) {
    suffix = hashStep(suffix, base.charCodeAt(base.length - 1 - k));
    intrinsic.push(mix3(T.Suffix, k, suffix));
  }
  intrinsic.push(mix2(T.Length, Math.min(word.length, 12)));
  // Character trigrams (with word boundaries) for unseen words: "zh", "ov", "jong", "-ski"
  // patterns mark foreign names. Intrinsic features are cached per word, so tagging
  // pays for them once per distinct word.
  if (base.length >= 4) {
    const padded = `^${base}$`;
    for (let k = 0; k + 3 <= padded.length; k++) {
      const h = hashStep(hashStep(hashStep(HASH_SEED, padded.charCodeAt(k)), padded.charCodeAt(k + 1)), padded.charCodeAt(k + 2));
      intrinsic.push(mix2(T.CharTrigram, h));
    }
  }
  if (caseless) {
    intrinsic.push(mix2(T.Caseless, flags & (FLAG_DIGIT | FLAG_PUNCT)));
  } else {
    intrinsic.push(mix2(T.Shape, hashString(shape)));
    intrinsic.push(mix2(T.ShortShape, short));
    intrinsic.push(mix2(T.Flags, flags));
  }
  const lowercase = word.toLowerCase();
  const normal = normaliseKeyToken(word);
  return { lower, short, flags, key: normalKeyHash(normal), normal, gazetteerBits: undefined, lowercase, capital: word !== lowercase, cased: word !== lowercase || word !== word.toUpperCase(), intrinsic: Uint32Array.from(intrinsic) };
}

/**
 * In cased text, the tokens that are outside any entity without scoring them (flag 1): no
 * capital letter in the token or either neighbour. Entities in cased English carry a
 * capital, and their lowercase parts ("Bank of England", "van Gogh") sit next to one (on
 * CoNLL dev: `npm run bench:fast-paths`). Decoding is unchanged wherever the full model
 * would say O there: every path passes O at a flagged token, so its emission constant does
 * not matter. A sentence that does not open with a capital is not trusted to be cased (a
 * lowercased paragraph too short to be judged on its own, inside a cased article): then
 * nothing is flagged and the result is undefined. Writes into `scratch` when it is long
 * enough (the result may be a view of it).
 */
export function outsideOnlyMask(infos: readonly WordInfo[], scratch?: Uint8Array): Uint8Array | undefined {
  const n = infos.length;
  let first = 0;
  while (first < n && !infos[first].cased) first++;
  if (first === n || !infos[first].capital) return undefined;
  const mask = scratch && scratch.length >= n ? scratch : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const near = infos[i].capital || (i > 0 && infos[i - 1].capital) || (i + 1 < n && infos[i + 1].capital);
    mask[i] = near ? 0 : 1;
  }
  return mask;
}

/** Where a caller keeps WordInfo per (word, mode); `wordInfo` is the uncached fallback. */
export type WordInfoSource = (word: string, mode: WordMode) => WordInfo;

/** Output buffer, reused across calls: tagging allocates (almost) nothing per sentence. */
let sharedFeatures = new Uint32Array(1 << 14);
let sharedClasses = new Uint8Array(1024);
/** Word and short-shape hashes with two boundary slots on each side (index i + 2 is token i). */
let sharedLowers = new Uint32Array(1024);
let sharedShorts = new Uint32Array(1024);

/** Coarse lexicon class of a token from its gazetteer codes (bits LEX_*). */
const LEX_COMMON = 1;
const LEX_NAME = 2; // in a name list and not an ordinary English word
const LEX_PLACE = 4;
const LEX_ORG = 8;
const LEX_BOUNDARY = 16;
const CATEGORY = Object.fromEntries(GAZETTEER_CATEGORIES.map((c, i) => [c, i])) as Record<(typeof GAZETTEER_CATEGORIES)[number], number>;

function lexicalClass(gaz: Uint8Array, base: number): number {
  let cls = 0;
  const common = gaz[base + CATEGORY.common] !== 0;
  if (common) cls |= LEX_COMMON;
  if (!common && (gaz[base + CATEGORY.name] !== 0 || gaz[base + CATEGORY.person] !== 0)) cls |= LEX_NAME;
  if ((gaz[base + CATEGORY.country] | gaz[base + CATEGORY.city] | gaz[base + CATEGORY.bigcity] | gaz[base + CATEGORY.place]) !== 0) cls |= LEX_PLACE;
  if ((gaz[base + CATEGORY.org] | gaz[base + CATEGORY.company]) !== 0) cls |= LEX_ORG;
  return cls;
}
let sharedOffsets = new Int32Array(1024);
let sharedKeys = new Uint32Array(1024);
let sharedWordBits = new Uint32Array(1024);

/** Most context features one token can get: 16 word and shape features, 3 per gazetteer category, name run, evidence. */
const MAX_CONTEXT_FEATURES_PER_TOKEN = 16 + 3 * GAZETTEER_CATEGORY_COUNT + 2;

/** Feature hashes of a sequence: features[offsets[i] .. offsets[i+1]) belong to token i. */
export interface SequenceFeatures {
  offsets: Int32Array;
  features: Uint32Array;
}

/** Name-list evidence class of token k for GazNameRun: 2 a name only, 1 a name that is also a word, 0 none. */
function nameClass(k: number, n: number, lexClass: Uint8Array, gaz: Uint8Array, C: number): number {
  if (k < 0 || k >= n) return 0;
  return (lexClass[k] & LEX_NAME) !== 0 ? 2 : gaz[k * C] !== 0 ? 1 : 0;
}

/**
 * Contextual features of every token (neighbours, gazetteer matches, document evidence),
 * without the intrinsic ones, which callers take from WordInfo.intrinsic. Tokens whose
 * `skip` flag is set get none (an empty range). The result views shared buffers: valid
 * until the next call. Written for speed (it runs for every token tagged): neighbours are
 * read from padded arrays, features written straight into a buffer sized for the sentence.
 */
export function contextFeatures(sequence: FeatureSequence, infos: readonly WordInfo[], gazetteer: Gazetteer, skip?: Uint8Array, mode: WordMode = sequenceMode(sequence)): SequenceFeatures {
  const { words, caseless, evidence } = sequence;
  const n = words.length;
  if (sharedKeys.length < n) {
    sharedKeys = new Uint32Array(n * 2);
    sharedWordBits = new Uint32Array(n * 2);
  }
  if (sharedOffsets.length < n + 1) sharedOffsets = new Int32Array(n * 2 + 1);
  if (sharedLowers.length < n + 4) {
    sharedLowers = new Uint32Array(n * 2 + 4);
    sharedShorts = new Uint32Array(n * 2 + 4);
  }
  if (sharedClasses.length < n) sharedClasses = new Uint8Array(n * 2);
  if (sharedFeatures.length < n * MAX_CONTEXT_FEATURES_PER_TOKEN) sharedFeatures = new Uint32Array(n * MAX_CONTEXT_FEATURES_PER_TOKEN * 2);
  const keys = sharedKeys;
  const lowers = sharedLowers;
  const shorts = sharedShorts;
  lowers[0] = lowers[1] = lowers[n + 2] = lowers[n + 3] = BOUNDARY_HASH;
  shorts[0] = shorts[1] = shorts[n + 2] = shorts[n + 3] = BOUNDARY_HASH;
  const wordBits = sharedWordBits;
  let knownBits = true;
  for (let i = 0; i < n; i++) {
    const info = infos[i];
    keys[i] = info.key;
    lowers[i + 2] = info.lower;
    shorts[i + 2] = info.short;
    if (info.gazetteerBits === undefined) knownBits = false;
    else wordBits[i] = info.gazetteerBits;
  }
  const gaz = gazetteer.annotate(keys, n, knownBits ? wordBits : undefined);
  const C = GAZETTEER_CATEGORY_COUNT;
  const headline = mode === WordMode.Headline;
  const offsets = sharedOffsets;
  const out = sharedFeatures;
  let m = 0;
  const lexClass = sharedClasses;
  for (let i = 0; i < n; i++) lexClass[i] = lexicalClass(gaz, i * C);

  for (let i = 0; i < n; i++) {
    offsets[i] = m;
    if (skip !== undefined && skip[i] !== 0) continue;
    const info = infos[i];
    const lower = info.lower;
    const prev2 = lowers[i];
    const prev = lowers[i + 1];
    const next = lowers[i + 3];
    const next2 = lowers[i + 4];
    out[m++] = mix2(T.LowerPrev, prev);
    out[m++] = mix2(T.LowerNext, next);
    out[m++] = mix2(T.LowerPrev2, prev2);
    out[m++] = mix2(T.LowerNext2, next2);
    out[m++] = mix3(T.BigramPrev, prev, lower);
    out[m++] = mix3(T.BigramNext, lower, next);
    out[m++] = mix3(T.BigramPrev2, prev2, prev);
    out[m++] = mix3(T.BigramNext2, next, next2);
    const classPrev = i > 0 ? lexClass[i - 1] : LEX_BOUNDARY;
    const classNext = i + 1 < n ? lexClass[i + 1] : LEX_BOUNDARY;
    out[m++] = mix2(mix3(T.LexClass3, classPrev, lexClass[i]), classNext);

    const short = info.short;
    if (!caseless) {
      const shortPrev = shorts[i + 1];
      const shortNext = shorts[i + 3];
      out[m++] = mix2(T.ShortShapePrev, shortPrev);
      out[m++] = mix2(T.ShortShapeNext, shortNext);
      out[m++] = mix2(mix3(T.ShapeTrigram, shortPrev, short), shortNext);
      out[m++] = mix3(T.ShapeWithPrevWord, short, prev);
      out[m++] = mix3(T.ShapeWithNextWord, short, next);
      if (i === 0) out[m++] = mix2(T.SentenceStart, short);
      if (headline) out[m++] = mix3(T.Headline, short, lower);
    }

    // Gazetteer: position of this token (and its neighbours) in matches of each category.
    let nameRun = 0;
    const base = i * C;
    for (let c = 0; c < C; c++) {
      const code = gaz[base + c];
      if (code !== 0) {
        const g = c * 8 + code;
        out[m++] = mix2(T.Gaz, g);
        out[m++] = mix3(T.GazShape, g, caseless ? 0 : short);
        if (c <= 1) nameRun |= 1 << (code - 1);
      }
      if (i > 0 && gaz[base - C + c] !== 0) out[m++] = mix2(T.GazPrev, c * 8 + gaz[base - C + c]);
      if (i + 1 < n && gaz[base + C + c] !== 0) out[m++] = mix2(T.GazNext, c * 8 + gaz[base + C + c]);
    }
    if (nameRun !== 0) {
      // Name-list evidence for this token and both neighbours at once: "Xx Xx" names;
      // names that are also ordinary words (Will, May, Park) count apart.
      const run = nameClass(i - 1, n, lexClass, gaz, C) * 9 + nameClass(i, n, lexClass, gaz, C) * 3 + nameClass(i + 1, n, lexClass, gaz, C);
      out[m++] = mix3(T.GazNameRun, run, caseless ? 0 : short);
    }

    if (evidence && !caseless && (info.flags & (FLAG_TITLE | FLAG_ALLCAPS)) !== 0) {
      const bits = evidence.get(info.lowercase) ?? 0;
      const initial = i === 0 || headline ? 1 : 0;
      out[m++] = mix3(T.Evidence, bits, initial);
    }
  }
  offsets[n] = m;
  return { offsets, features: out.subarray(0, m) };
}

/** All features (intrinsic and contextual) of a sequence; what training sees. */
export function extractFeatures(sequence: FeatureSequence, gazetteer: Gazetteer, source: WordInfoSource = wordInfo): SequenceFeatures {
  const n = sequence.words.length;
  const mode = sequenceMode(sequence);
  const infos = sequence.words.map((w) => source(w, mode));
  const context = contextFeatures(sequence, infos, gazetteer, undefined, mode);
  let total = context.features.length;
  for (const info of infos) total += info.intrinsic.length;
  const offsets = new Int32Array(n + 1);
  const features = new Uint32Array(total);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = pos;
    features.set(infos[i].intrinsic, pos);
    pos += infos[i].intrinsic.length;
    const from = context.offsets[i];
    const to = context.offsets[i + 1];
    features.set(context.features.subarray(from, to), pos);
    pos += to - from;
  }
  offsets[n] = pos;
  return { offsets, features };
}
