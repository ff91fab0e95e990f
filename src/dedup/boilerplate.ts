/**
 * Boilerplate in plain text: the parts of an article's text that are not the article.
 *
 * - template: a line that recurs across the source's other articles (bylines, sign-offs,
 *   subscription pleas); the caller says how often it has seen each line
 *   (`lineSeenElsewhere`, keyed by `boilerplateLineHash`).
 * - link-list / promo / caption: a line led by a trigger phrase ("More news:", "Related:",
 *   "Sign up for …", "Photo:") that is short enough to be a link or a plea, and the run of
 *   headline-like lines under a bare "Related" heading.
 * - link-list in degraded text (lowercased, no punctuation, no line breaks, as in seed 000):
 *   a trigger phrase mid-paragraph followed by words unrelated to the rest of the article,
 *   up to where the article's own vocabulary resumes.
 *
 * Offsets are UTF-16 offsets into the text as given, like every span in Storyline.
 */
import type { BoilerplateSpan } from '../types.ts';
import { fnv1a32 } from './canonical.ts';
import { isStopword } from './canonical-stopwords.ts';
import { CharClass } from '../text/char-class.ts';

export interface BoilerplateOptions {
  /** How many other articles of the same source contain this line (by boilerplateLineHash). */
  lineSeenElsewhere?: (lineHash: string) => number;
  /** Other articles of the source a line must appear in to count as template. */
  minRepeats?: number;
}

const DEFAULT_MIN_REPEATS = 2;
/** Longest line a trigger phrase can claim whole (a link or a plea, not a paragraph). */
const MAX_TRIGGER_LINE_WORDS = 40;
/** Lines under a bare "Related" heading that look like headlines. */
const MAX_HEADLINE_WORDS = 20;

/**
 * Lowercase word tokens of a line joined by one space: the identity of a template line. The
 * definition is `normaliseLineByPattern`; this scanner gives the same string (tests compare
 * them) without the Unicode regex, which cost most of the prepare stage's line hashing on
 * lines with any non-ASCII character (curly quotes, dashes).
 */
export function normaliseLine(line: string): string {
  const lower = line.toLowerCase();
  let out = '';
  for (let start = wordStart(lower, 0), end = 0; start < lower.length; start = wordStart(lower, end)) {
    end = wordEnd(lower, start);
    // The whole line as one run (a one-word line) needs no copy.
    const word = start === 0 && end === lower.length ? lower : lower.slice(start, end);
    out = out === '' ? word : `${out} ${word}`;
  }
  return out;
}

/** Where the next word of normaliseLine (a run of letters or digits) starts at or after `from`; the length if none. */
function wordStart(lower: string, from: number): number {
  let i = from;
  while (i < lower.length && LETTERS_OR_DIGITS.widthAt(lower, i) === 0) i++;
  return i;
}

/** One past the end of the word that starts at `start`. */
function wordEnd(lower: string, start: number): number {
  let i = start;
  let width;
  while (i < lower.length && (width = LETTERS_OR_DIGITS.widthAt(lower, i)) !== 0) i += width;
  return i;
}

/** What normaliseLine computes, as a regular expression. */
export function normaliseLineByPattern(line: string): string {
  return (line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Letters and digits, the runs normaliseLine keeps (marks split words, as in the pattern). */
const LETTERS_OR_DIGITS = new CharClass(/^[\p{L}\p{N}]$/u);

/** Stable 64-bit (two FNV-1a variants) hex hash of a normalised line; '' for lines without words. */
export function boilerplateLineHash(line: string): string {
  return hashNormalisedLine(normaliseLine(line));
}

function hashNormalisedLine(norm: string): string {
  if (!norm) return '';
  const h1 = fnv1a32(norm);
  const h2 = fnv1a32(norm + '\u0001' + norm.length);
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Lines worth counting per source (with at least two words), as hashes to store. */
export function boilerplateLineKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const { text: line } of linesOf(text)) {
    const key = multiWordLineHash(line);
    if (key !== null) keys.add(key);
  }
  return [...keys];
}

/**
 * boilerplateLineHash of a line of two or more words, null for a shorter line: the same
 * hashes, fed the normalised line's characters as the scanner finds them instead of building
 * the string (every line of every article is hashed, and the string was garbage at once).
 * The second hash continues the first: FNV-1a of `norm + '\u0001' + norm.length`.
 */
function multiWordLineHash(line: string): string | null {
  const lower = line.toLowerCase();
  let h = 0x811c9dc5;
  let normLength = 0;
  let words = 0;
  for (let start = wordStart(lower, 0), end = 0; start < lower.length; start = wordStart(lower, end)) {
    end = wordEnd(lower, start);
    if (words++ > 0) {
      h = Math.imul(h ^ 32, 0x01000193);
      normLength++;
    }
    for (let i = start; i < end; i++) h = Math.imul(h ^ lower.charCodeAt(i), 0x01000193);
    normLength += end - start;
  }
  if (words < 2) return null;
  const h1 = h >>> 0;
  const suffix = '\u0001' + normLength;
  for (let k = 0; k < suffix.length; k++) h = Math.imul(h ^ suffix.charCodeAt(k), 0x01000193);
  return h1.toString(16).padStart(8, '0') + (h >>> 0).toString(16).padStart(8, '0');
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) lines.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    start = end + 1;
  }
  return lines;
}

type Kind = 'link-list' | 'promo' | 'caption';

/**
 * Phrases that open a line of boilerplate. Each is matched at the start of a line, on
 * lowercase words, so punctuation and case do not matter.
 */
const LINE_TRIGGERS: Array<[Kind, string[]]> = [
  [
    'link-list',
    [
      'more news', 'read more', 'read next', 'related', 'related stories', 'related articles', 'related coverage',
      'related content', 'related links', 'top stories', 'see also', 'also read', 'also see', 'recommended',
      'recommended for you', 'you may also like', 'you might also like', 'most read', 'most popular', 'trending',
      'trending now', 'more from', 'more stories', 'more on this story', 'further reading', 'latest news',
      'don t miss', 'click here', 'watch', 'listen', 'next', 'prev', 'previous',
    ],
  ],
  [
    'promo',
    [
      'sign up', 'subscribe', 'newsletter', 'newsletter sign up', 'follow us', 'follow', 'share this', 'share on',
      'share', 'download our app', 'get the app', 'advertisement', 'continue reading', 'please verify you re not a robot',
      'you must select a newsletter', 'invalid email', 'thank you for subscribing', 'an error has occurred',
      'view all', 'copyright', 'all rights reserved', 'sponsored', 'join our', 'like us on facebook',
    ],
  ],
  ['caption', ['photo', 'photograph', 'image', 'image copyright', 'image caption', 'picture', 'video', 'getty images', 'file photo']],
];

/** Triggers that mark an injected link list even in the middle of degraded text. */
const INLINE_TRIGGERS = ['top stories', 'more news', 'read more', 'related stories', 'related articles', 'see also', 'also read', 'most read', 'trending now', 'recommended for you', 'more stories'];

/** Trigger phrases as word lists, indexed by their first word (checked for every line and word). */
function byFirstWord<T extends { words: string[] }>(phrases: T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const phrase of phrases) {
    const list = index.get(phrase.words[0]);
    if (list) list.push(phrase);
    else index.set(phrase.words[0], [phrase]);
  }
  return index;
}

/** True when `phrase` occurs in `words` at position `at`. */
function matchesAt(words: ArrayLike<string>, at: number, phrase: string[]): boolean {
  if (at + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) if (words[at + k] !== phrase[k]) return false;
  return true;
}

const LINE_TRIGGER_INDEX = byFirstWord(LINE_TRIGGERS.flatMap(([kind, phrases]) => phrases.map((p) => ({ kind, words: p.split(' ') }))));
const INLINE_TRIGGER_INDEX = byFirstWord(INLINE_TRIGGERS.map((p) => ({ words: p.split(' ') })));
/**
 * Any inline trigger phrase anywhere in a text, as whole words: most articles have none,
 * and then the word-by-word scan (a token object per word) is skipped.
 */
const ANY_INLINE_TRIGGER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${INLINE_TRIGGERS.map((p) => p.split(' ').map(escapeRegExp).join('[^\\p{L}\\p{N}]+')).join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which trigger opens these words, if any (longest first); lone "watch" or "share" only as a whole short line. */
function lineTrigger(words: string[]): { kind: Kind; length: number } | null {
  let best: { kind: Kind; length: number } | null = null;
  for (const trigger of LINE_TRIGGER_INDEX.get(words[0]) ?? []) {
    if (matchesAt(words, 0, trigger.words) && (!best || trigger.words.length > best.length)) best = { kind: trigger.kind, length: trigger.words.length };
  }
  return best;
}

/** Single common verbs that open ordinary sentences too ("Watch the skies…", "Follow the money…"). */
const WEAK_TRIGGERS = new Set(['watch', 'listen', 'follow', 'share', 'next', 'previous', 'video', 'image', 'picture', 'photo', 'related', 'recommended', 'trending', 'subscribe', 'copyright', 'sponsored']);

/** Words of subscription and sharing widgets. */
const PROMO_WORDS = /\b(sign(ed)? up|subscrib\w*|newsletters?|e-?mail|robot|privacy|updates|offers|products and services|unsubscribe|re-enter|try again|error has occurred|follow us|share)\b/i;

/**
 * End (offset in the line) of the leading run of sentences that plead: sentences with promo
 * words, and up to 40 words of other sentences between them (a newsletter's own pitch).
 */
function promoSentencesEnd(line: string): number {
  let end = 0;
  let gapWords = 0;
  const sentence = /[^.!?]+[.!?]*\s*/g;
  for (let m = sentence.exec(line); m; m = sentence.exec(line)) {
    if (PROMO_WORDS.test(m[0])) {
      end = m.index + m[0].trimEnd().length;
      gapWords = 0;
    } else if ((gapWords += m[0].trim().split(/\s+/).length) > 40) break;
  }
  return end;
}

/** A line of two or more words that the source's other articles repeat often enough. */
function isTemplateLine(norm: string, lineSeenElsewhere: BoilerplateOptions['lineSeenElsewhere'], minRepeats: number): boolean {
  return lineSeenElsewhere !== undefined && norm.includes(' ') && lineSeenElsewhere(hashNormalisedLine(norm)) >= minRepeats;
}

/**
 * Only the template spans of `findBoilerplate` with the same options: what the ingest adds
 * to an article's boilerplate once it knows the source's line counts, without running the
 * trigger and link-list rules again.
 */
export function findTemplateLines(text: string, options: BoilerplateOptions): BoilerplateSpan[] {
  const spans: BoilerplateSpan[] = [];
  const minRepeats = options.minRepeats ?? DEFAULT_MIN_REPEATS;
  for (const line of linesOf(text)) {
    if (isTemplateLine(normaliseLine(line.text), options.lineSeenElsewhere, minRepeats)) spans.push({ start: line.start, end: line.end, kind: 'template' });
  }
  return spans;
}

function lineSpans(text: string, options: BoilerplateOptions): BoilerplateSpan[] {
  const spans: BoilerplateSpan[] = [];
  const minRepeats = options.minRepeats ?? DEFAULT_MIN_REPEATS;
  const lines = linesOf(text);
  let underHeading = false;
  for (const line of lines) {
    const norm = normaliseLine(line.text);
    if (norm === '') continue;
    if (isTemplateLine(norm, options.lineSeenElsewhere, minRepeats)) {
      spans.push({ start: line.start, end: line.end, kind: 'template' });
      continue;
    }
    const words = norm.split(' ');
    const trigger = lineTrigger(words);
    if (trigger && trigger.kind === 'promo' && words.length > MAX_TRIGGER_LINE_WORDS && trigger.length > 1) {
      // A sign-up widget flattened into one long line: take its sentences while they plead.
      const end = promoSentencesEnd(line.text);
      if (end > 0) spans.push({ start: line.start, end: line.start + end, kind: 'promo' });
      underHeading = false;
      continue;
    }
    if (trigger && words.length <= MAX_TRIGGER_LINE_WORDS) {
      // A weak trigger word claims a line only when it is a label: alone, or followed by a
      // colon/bar/dash, or the line is a short fragment without a sentence end.
      const strong = trigger.length > 1 && !WEAK_TRIGGERS.has(words.slice(0, trigger.length).join(' '));
      const afterTrigger = line.text.replace(/^[^\p{L}\p{N}]*/u, '').slice(0).match(/^[\p{L}\p{N}' ]+?\s*([:|»›>–—-])/u);
      const label = words.length === trigger.length || afterTrigger !== null || (words.length <= 6 && !/[.!?]["”’]?$/.test(line.text));
      if (strong || label) {
        spans.push({ start: line.start, end: line.end, kind: trigger.kind });
        underHeading = trigger.kind === 'link-list' && words.length === trigger.length;
        continue;
      }
    }
    // Headlines listed under a bare "Related" heading: short, no sentence end.
    if (underHeading && words.length <= MAX_HEADLINE_WORDS && !/[.!?]["”’]?$/.test(line.text)) {
      spans.push({ start: line.start, end: line.end, kind: 'link-list' });
      continue;
    }
    underHeading = false;
  }
  return spans;
}

interface Word {
  word: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Text without sentence punctuation or case, as left by a careless scraper. */
function isDegraded(text: string, words: number): boolean {
  const marks = (text.match(/[.!?;:]/g) ?? []).length;
  const capitals = (text.match(/\p{Lu}/gu) ?? []).length;
  return words >= 30 && marks < words / 60 && capitals < words / 40;
}

/** Longest run after an injected list's trigger we consider (an unlikely long list). */
const MAX_INLINE_LIST_WORDS = 90;
/** Off-topic content words a run needs before it counts as a list. */
const MIN_OFF_TOPIC_WORDS = 6;
/** Uses elsewhere in the article that make a word the article's own topic. */
const RESUME_USES = 3;

/**
 * Extent of a link list injected mid-text: from the trigger, the stretch whose content
 * words the rest of the article never uses. Each content word scores +1 if it occurs
 * nowhere outside the stretch so far, −(0.5 + log2(1 + uses elsewhere)) if the article uses
 * it elsewhere; the list ends
 * where the running score peaks (maximum-sum prefix), i.e. where the topic resumes.
 */
function inlineListEnd(words: Word[], from: number, counts: Map<string, number>): { end: number; offTopic: number; onTopic: number } | null {
  const seen = new Map<string, number>();
  let score = 0;
  let best = 0;
  let bestEnd = -1;
  let offTopic = 0;
  let onTopic = 0;
  let bestOff = 0;
  let bestOn = 0;
  for (let k = from; k < words.length && k < from + MAX_INLINE_LIST_WORDS; k++) {
    const w = words[k].word;
    seen.set(w, (seen.get(w) ?? 0) + 1);
    if (isStopword(w) || w.length < 2) continue;
    const outside = (counts.get(w) ?? 0) - seen.get(w)!;
    // Once a list is established, a word the article keeps using means it has resumed.
    if (outside >= RESUME_USES && offTopic >= MIN_OFF_TOPIC_WORDS) break;
    if (outside > 0) {
      // The more the article uses a word, the surer it is that the article has resumed.
      score -= 0.5 + Math.log2(1 + outside);
      onTopic++;
    } else {
      score += 1;
      offTopic++;
    }
    if (score > best) {
      best = score;
      bestEnd = k;
      bestOff = offTopic;
      bestOn = onTopic;
    }
  }
  if (bestEnd < 0 || bestOff < MIN_OFF_TOPIC_WORDS || bestOn > bestOff / 2) return null;
  return { end: bestEnd, offTopic: bestOff, onTopic: bestOn };
}

function inlineSpans(text: string, covered: BoilerplateSpan[]): BoilerplateSpan[] {
  if (!ANY_INLINE_TRIGGER.test(text)) return [];
  const words = wordsOf(text);
  const degraded = isDegraded(text, words.length);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w.word, (counts.get(w.word) ?? 0) + 1);
  const spans: BoilerplateSpan[] = [];
  const inside = (pos: number) => covered.some((s) => pos >= s.start && pos < s.end) || spans.some((s) => pos >= s.start && pos < s.end);
  const lowered = words.map((w) => w.word);
  for (let i = 0; i < words.length; i++) {
    for (const { words: t } of INLINE_TRIGGER_INDEX.get(lowered[i]) ?? []) {
      if (!matchesAt(lowered, i, t) || inside(words[i].start)) continue;
      // In clean text the trigger must read as a label ("Read more: …"); in degraded text
      // nothing marks it, and the vocabulary test below has to carry the decision alone.
      const after = text.slice(words[i + t.length - 1].end, words[i + t.length - 1].end + 3);
      if (!degraded && !/^\s*[:|»›>–—-]/.test(after)) continue;
      const list = inlineListEnd(words, i + t.length, counts);
      if (!list) continue;
      spans.push({ start: words[i].start, end: words[list.end].end, kind: 'link-list' });
      i = list.end;
      break;
    }
  }
  return spans;
}

/** Boilerplate spans of a text, in order, not overlapping. */
export function findBoilerplate(text: string, options: BoilerplateOptions = {}): BoilerplateSpan[] {
  const lines = lineSpans(text, options);
  const inline = inlineSpans(text, lines);
  return [...lines, ...inline].sort((a, b) => a.start - b.start);
}

/**
 * The text with boilerplate blanked out by spaces: same length, so offsets computed on it
 * (aligned passages, entities) are offsets into the original.
 */
export function maskBoilerplate(text: string, spans: BoilerplateSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(/[^\n]/g, ' ');
    at = s.end;
  }
  return out + text.slice(at);
}
