/**
 * Spin detection: how strongly a text shows automated synonym rewriting.
 *
 * From the text alone (the original may be nowhere in the corpus) three traces of a
 * spinner, measured against word and word-pair counts of ordinary news prose
 * (spin-bigrams.json, built by scripts/build-spin-bigrams.ts):
 * - swapped collocations: a word pair news prose never uses where a WordNet synonym of one
 *   word makes a pair it uses often ("worldwide politics" for "international politics");
 * - a/an disagreement: the article left in place when the noun after it was swapped
 *   ("an global forum");
 * - inflated aliases: a multiword synonym of a name news prose writes as one common word
 *   ("Russian Federation" for "Russia").
 * Against an aligned original, the direct trace: the share of reused content words replaced
 * by a synonym, counted where this text's word is the less natural of the two.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAG_STOPWORD, canonicalise, type CanonicalText } from './canonical.ts';
import type { AlignedPassage } from './align.ts';
import { lemmaOf, synonymTables, synonymsOf } from './synonyms.ts';
import { isStopword } from './canonical-stopwords.ts';

interface NewsCountsFile {
  tokens: number;
  unigrams: Record<string, number>;
  /** "first second" → count. */
  bigrams: Record<string, number>;
}

interface NewsCounts {
  unigrams: Map<string, number>;
  /** first word → second word → count. */
  bigrams: Map<string, Map<string, number>>;
}

let counts: NewsCounts | null = null;

export function initSpinModel(): void {
  if (counts) return;
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spin-bigrams.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as NewsCountsFile;
  // Nested maps keyed by the words themselves: a look-up hashes strings that already carry
  // their hash, where a "first second" key would be built and hashed anew on every call
  // (that concatenation was the single largest cost of ingest).
  const bigrams = new Map<string, Map<string, number>>();
  for (const [pair, count] of Object.entries(raw.bigrams)) {
    const space = pair.indexOf(' ');
    const first = pair.slice(0, space);
    let seconds = bigrams.get(first);
    if (!seconds) bigrams.set(first, (seconds = new Map()));
    seconds.set(pair.slice(space + 1), count);
  }
  counts = { unigrams: new Map(Object.entries(raw.unigrams)), bigrams };
}

function model(): NewsCounts {
  if (!counts) throw new Error('spin model not initialised: await initCopyDetection() first');
  return counts;
}

const unigram = (w: string): number => model().unigrams.get(w) ?? 0;
const bigram = (x: string, y: string): number => model().bigrams.get(x)?.get(y) ?? 0;

/** A pair news prose uses this often is a collocation, not chance. */
const COMMON_PAIR = 5;

const firstWord = (w: string) => (w.includes(' ') ? w.slice(0, w.indexOf(' ')) : w);
const lastWord = (w: string) => (w.includes(' ') ? w.slice(w.lastIndexOf(' ') + 1) : w);

const swapCache = new Map<string, string[]>();

/** Single-word synonyms of a word, also in their inflected form when the word was inflected. */
function swapOptions(word: string): string[] {
  const cached = swapCache.get(word);
  if (cached) return cached;
  if (swapCache.size > 100_000) swapCache.clear();
  const lemma = lemmaOf(word);
  const suffix = lemma !== word && word.startsWith(lemma) ? word.slice(lemma.length) : '';
  const out: string[] = [];
  for (const s of synonymsOf(word)) {
    if (s.includes(' ') || s === word) continue;
    out.push(suffix ? s + suffix : s);
  }
  swapCache.set(word, out);
  return out;
}

/** Number and time words: WordNet lists "nine" as "9" and "niner", which is not spin. */
const NUMBER_OR_TIME = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|first|second|third|half|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|times?|later|earlier|ago|early|late|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** Verdicts per word pair: news vocabulary repeats, and a verdict costs dozens of look-ups. */
const pairVerdicts = new Map<string, Map<string, boolean>>();
let pairVerdictCount = 0;
const MAX_PAIR_VERDICTS = 200_000;

/**
 * Is the pair (x, y) a collocation broken by a synonym swap? Unseen in news prose, while
 * swapping one of the two for a synonym gives a common pair.
 */
export function isSwappedCollocation(x: string, y: string): boolean {
  let byFirst = pairVerdicts.get(x);
  const known = byFirst?.get(y);
  if (known !== undefined) return known;
  const verdict = judgeCollocation(x, y);
  if (pairVerdictCount >= MAX_PAIR_VERDICTS) {
    pairVerdicts.clear();
    pairVerdictCount = 0;
    byFirst = undefined;
  }
  if (!byFirst) pairVerdicts.set(x, (byFirst = new Map()));
  byFirst.set(y, verdict);
  pairVerdictCount++;
  return verdict;
}

function judgeCollocation(x: string, y: string): boolean {
  if (NUMBER_OR_TIME.test(x) || NUMBER_OR_TIME.test(y)) return false;
  if (bigram(x, y) > 0) return false;
  // The spinner's word is the rarer one: a swap to a more common synonym is not spin.
  for (const s of swapOptions(y)) if (bigram(x, s) >= COMMON_PAIR && unigram(s) > 2 * unigram(y)) return true;
  for (const s of swapOptions(x)) if (bigram(s, y) >= COMMON_PAIR && unigram(s) > 2 * unigram(x)) return true;
  return false;
}

/** Words that start with a vowel letter but a consonant sound, and the reverse. */
const CONSONANT_SOUND = /^(uni(?:[^dmn]|n[^cdfhst])|unan|use|usu|uti|ure|uro|eu|ewe|one|once|ubiq|uga|uk)/;
const VOWEL_SOUND = /^(hour|honest|honor|honour|heir)/;

/** "an global", "a international": the article disagrees with the sound of the next word. */
export function isArticleError(article: string, nextWord: string, nextRaw: string): boolean {
  if (!/^[a-z]/.test(nextWord)) return false; // numbers: "an 11-mile border"
  // Acronyms are read letter by letter ("an FBI agent"): only judge when cased as a word.
  if (nextRaw.length <= 5 && nextRaw === nextRaw.toUpperCase() && nextRaw !== nextRaw.toLowerCase()) return false;
  if (nextWord.length === 1) return false;
  const vowelSound = (/^[aeiou]/.test(nextWord) && !CONSONANT_SOUND.test(nextWord)) || VOWEL_SOUND.test(nextWord);
  return article === 'an' ? !vowelSound : vowelSound;
}

export interface SpinSignals {
  /** Content-word pairs examined. */
  pairs: number;
  /** Distinct inflated aliases (a name used many times is one choice of the writer). */
  distinctInflatedAliases: number;
  swappedCollocations: number;
  articles: number;
  articleErrors: number;
  aliases: number;
  inflatedAliases: number;
}

/** The raw counts spinScore weighs; exported for tests and evaluation reports. */
export function spinSignals(text: string, c: CanonicalText = canonicalise(text)): SpinSignals {
  const signals: SpinSignals = { pairs: 0, distinctInflatedAliases: 0, swappedCollocations: 0, articles: 0, articleErrors: 0, aliases: 0, inflatedAliases: 0 };
  const inflated = new Set<string>();
  const { phrases } = synonymTables();
  const n = c.entries.length;
  for (let i = 0; i < n; i++) {
    const w = c.entries[i].word;
    if ((w === 'a' || w === 'an') && i + 1 < n && c.starts[i + 1] - c.ends[i] <= 2) {
      signals.articles++;
      const next = firstWord(c.entries[i + 1].word);
      const raw = text.slice(c.starts[i + 1], c.starts[i + 1] + next.length);
      if (isArticleError(w, next, raw)) signals.articleErrors++;
    }
    if (w.includes(' ') && phrases.has(w)) {
      signals.aliases++;
      // Judged only where the text writes it as a name ("Russian Federation"): lowercase
      // "first class" or "one person" are ordinary phrases WordNet happens to list.
      const raw = text.slice(c.starts[i], c.ends[i]);
      if (/^\p{Lu}/u.test(raw) && /\s\p{Lu}/u.test(raw) && isInflatedAlias(w, c.entries[i].canonical)) {
        signals.inflatedAliases++;
        inflated.add(w);
      }
    }
    if (i + 1 < n && ((c.flags[i] | c.flags[i + 1]) & FLAG_STOPWORD) === 0 && c.starts[i + 1] - c.ends[i] <= 2) {
      const x = lastWord(w);
      const y = firstWord(c.entries[i + 1].word);
      if (/^[a-z]+$/.test(x) && /^[a-z]+$/.test(y)) {
        signals.pairs++;
        if (isSwappedCollocation(x, y)) signals.swappedCollocations++;
      }
    }
  }
  signals.distinctInflatedAliases = inflated.size;
  return signals;
}

/** "russian federation" where news prose writes "russia" far more often. */
export function isInflatedAlias(phrase: string, canonical: string): boolean {
  const words = phrase.split(' ');
  // "Vladimir Putin", "Pacific Ocean": the longer form of a name that contains the name.
  let phraseCount = 0;
  for (let k = 1; k < words.length; k++) phraseCount = k === 1 ? bigram(words[0], words[1]) : Math.min(phraseCount, bigram(words[k - 1], words[k]));
  let best = 0;
  const candidates = [canonical, ...synonymsOf(phrase)];
  for (const s of candidates) {
    if (s.includes(' ') || isStopword(s) || words.includes(s)) continue;
    best = Math.max(best, unigram(s));
  }
  return best >= 20 && best >= 10 * (phraseCount + 1);
}

/**
 * Weights turn rates into one number: one swapped collocation in 30 content pairs, one
 * a/an error in 12 articles, or four distinct inflated aliases each add about one unit of
 * evidence; ordinary prose has a little of each (rare but legitimate pairs, typos), hence
 * the 0.6 units subtracted before the score rises.
 */
function textOnlyScore(s: SpinSignals): number {
  // Rates with a prior (as if a few clean cases were seen) so one slip in a short text is not spin.
  const swapRate = s.swappedCollocations / (s.pairs + 20);
  const articleRate = s.articleErrors / (s.articles + 4);
  const evidence = 30 * swapRate + 12 * articleRate + 0.25 * Math.min(3, s.distinctInflatedAliases);
  return 1 - Math.exp(-Math.max(0, evidence - 0.6) / 1.5);
}

/** How natural a word is at token i of c: common as a word and with its neighbours. */
function naturalness(c: CanonicalText, i: number): number {
  const w = c.entries[i].word;
  let score = Math.log1p(unigram(firstWord(w))) * 0.5;
  if (i > 0) score += Math.log1p(bigram(lastWord(c.entries[i - 1].word), firstWord(w)));
  if (i + 1 < c.entries.length) score += Math.log1p(bigram(lastWord(w), firstWord(c.entries[i + 1].word)));
  // A phrase where one word would do is a spinner's inflation.
  if (w.includes(' ')) score -= 1;
  return score;
}

/**
 * Which side of an alignment carries the spinner's words: in [-1, 1], > 0 when a's words at
 * the substituted positions are the less natural ones (a is the spun copy), < 0 for b.
 */
export function substitutionSpinEvidence(a: { canonical: CanonicalText }, b: { canonical: CanonicalText }, passages: AlignedPassage[]): number {
  let votes = 0;
  let total = 0;
  for (const p of passages) {
    for (let k = 0; k < p.substitutions.length; k += 2) {
      const diff = naturalness(b.canonical, p.substitutions[k + 1]) - naturalness(a.canonical, p.substitutions[k]);
      if (Math.abs(diff) < 0.5) continue;
      votes += diff > 0 ? 1 : -1;
      total++;
    }
  }
  return total ? votes / total : 0;
}

/**
 * Spin score in [0, 1]. With an aligned original (passages from alignPassages(text, original)),
 * the share of reused content words swapped for a synonym where this text holds the less
 * natural word; always at least the text-only score.
 */
export function spinScore(
  text: string,
  alignedOriginal?: { original: string; passages: AlignedPassage[]; originalCanonical?: CanonicalText },
  known: { canonical?: CanonicalText; textOnly?: number } = {},
): number {
  // Callers that already canonicalised or scored the text alone (ingest does both, once per
  // article, off the main thread) pass them in.
  const c = known.canonical ?? canonicalise(text);
  const alone = known.textOnly ?? textOnlyScore(spinSignals(text, c));
  if (!alignedOriginal || alignedOriginal.passages.length === 0) return alone;
  const original = alignedOriginal.originalCanonical ?? canonicalise(alignedOriginal.original);
  return spinScoreOfCanonical(c, alone, { passages: alignedOriginal.passages, originalCanonical: original });
}

/**
 * spinScore from what copy detection holds: the canonical form, the text-only score and,
 * when an original is known, the aligned passages and its canonical form (no text needed).
 */
export function spinScoreOfCanonical(c: CanonicalText, textOnly: number, aligned?: { passages: AlignedPassage[]; originalCanonical: CanonicalText }): number {
  if (!aligned || aligned.passages.length === 0) return textOnly;
  const original = aligned.originalCanonical;
  let swapped = 0;
  let matched = 0;
  for (const p of aligned.passages) {
    matched += p.contentTokens;
    for (let k = 0; k < p.substitutions.length; k += 2) {
      if (naturalness(original, p.substitutions[k + 1]) - naturalness(c, p.substitutions[k]) > -0.5) swapped++;
    }
  }
  const share = matched ? swapped / matched : 0;
  // 10 % of content words swapped is already heavy rewriting for a human editor.
  return Math.max(textOnly, 1 - Math.exp(-share / 0.08));
}
