/**
 * Builds a synthetic copy-detection set from real articles: the kind of reuse a news
 * aggregator meets, with the truth known.
 *
 * - spun copies: a share of the content words replaced by WordNet synonyms the way article
 *   spinners do it — part-of-speech aware (wink-nlp tags), from a random subset of each word's
 *   senses, re-inflected with regular endings, the article before a swapped word left alone
 *   ("an global forum"), proper names inflated to longer aliases ("Russian Federation");
 * - partial copies: 30–70 % of the paragraphs, some reordered, some sentences dropped, with
 *   the copier's own paragraphs (from articles left out of the set) mixed in;
 * - exact duplicates;
 * - and every original article stays in, so real same-event articles from different
 *   publishers are the hard negatives.
 *
 * The detector never sees POS tags and folds synonyms context-free over all senses; the
 * generator picks senses and inflections differently on purpose, so the evaluation does not
 * reward the detector for sharing the generator's quirks.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { loadWordnetTables, type WordnetPos, type WordnetTables } from '../dedup/synonyms-wordnet.ts';
import { isStopword } from '../dedup/canonical-stopwords.ts';
import { findBoilerplate, maskBoilerplate } from '../dedup/boilerplate.ts';
import { prng } from './bench-corpus.ts';

/** The article body a copier takes: link lists, sign-up pleas and captions left behind. */
function bodyOf(text: string): string {
  return maskBoilerplate(text, findBoilerplate(text))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

export interface SourceArticle {
  id: string;
  source?: string;
  title?: string;
  text: string;
  published?: string | null;
  event?: string;
}

export type CopyKind = 'spun' | 'partial' | 'exact';

export interface GeneratedArticle extends SourceArticle {
  /** Set for generated copies. */
  copy?: {
    kind: CopyKind;
    sourceId: string;
    /** Share of the copy's word tokens that came from the source (1 for spun and exact copies). */
    reusedFraction: number;
    /** Share of the source's word tokens that the copy reuses. */
    sourceReusedFraction: number;
    /** Spun copies: requested and achieved share of content words substituted. */
    substitutionRate?: number;
    achievedSubstitution?: number;
    /** How the copy's publication time relates to its source's. */
    timing: 'later' | 'same' | 'unknown';
  };
}

export interface GeneratorOptions {
  seed: number;
  /** Substitution rates of the spun copies; one batch of copies per rate. */
  spinRates: number[];
  spunPerRate: number;
  partialCopies: number;
  exactCopies: number;
  /** At least this many articles (whole small events) held out to give the copiers their own paragraphs. */
  donorArticles: number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  seed: 1,
  spinRates: [0.1, 0.2, 0.3, 0.4, 0.5],
  spunPerRate: 30,
  partialCopies: 60,
  exactCopies: 20,
  donorArticles: 25,
};

/** The same seeded PRNG as the benchmark corpus: the set is the same for the same seed. */
export const seededRandom = prng;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

// ---------------------------------------------------------------- spinning

const POS_MAP: Record<string, WordnetPos> = { NOUN: 'n', VERB: 'v', ADJ: 'a', ADV: 'r' };

/** Regular English endings; spinners inflect the same way, irregular verbs included. */
function inflect(base: string, surface: string, lemma: string, pos: WordnetPos): string | null {
  const lower = surface.toLowerCase();
  if (lower === lemma) return base;
  const words = base.split(' ');
  const at = pos === 'v' ? 0 : words.length - 1;
  const w = words[at];
  let out: string;
  if (pos === 'n') {
    if (!lower.endsWith('s')) return null;
    out = /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ies' : /(s|x|z|ch|sh)$/.test(w) ? w + 'es' : w + 's';
  } else if (pos === 'v') {
    if (lower.endsWith('ing')) out = /[^e]e$/.test(w) ? w.slice(0, -1) + 'ing' : w + 'ing';
    else if (lower.endsWith('s') && !lower.endsWith('ss')) out = /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ies' : /(s|x|z|ch|sh)$/.test(w) ? w + 'es' : w + 's';
    else out = w.endsWith('e') ? w + 'd' : /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ied' : w + 'ed';
  } else return null; // comparatives and odd adverbs: leave alone
  words[at] = out;
  return words.join(' ');
}

function matchCase(replacement: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && /[A-Z]/.test(original)) return replacement.toUpperCase();
  if (/^[A-Z]/.test(original)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

export class Spinner {
  private nlp = winkNLP(model);
  private readonly headOf = new Map<number, number>();

  /**
   * A fresh wink instance: wink remembers words it has seen, which can change how it tags
   * later texts, so a set is only reproducible from a fresh start.
   */
  reset(): void {
    this.nlp = winkNLP(model);
  }

  constructor(private readonly wn: WordnetTables = loadWordnetTables()) {
    for (const [head, satellites] of wn.satellites) for (const s of satellites) this.headOf.set(s, head);
  }

  /**
   * Synonyms a spinner would offer for a lemma in one part of speech: one sense drawn with a
   * bias to the first senses, its other members, and for adjectives the head/satellite cluster.
   * `keepSense` drops a random part of WordNet so the generator does not mirror the detector.
   */
  synonymsFor(lemma: string, pos: WordnetPos, random: () => number, keepSense: (id: number) => boolean): string[] {
    const senses = (this.wn.senses.get(lemma)?.[pos] ?? []).slice(0, 4).filter(keepSense);
    if (senses.length === 0) return [];
    let pick = 0;
    const r = random();
    if (senses.length > 1 && r > 0.55) pick = 1 + Math.floor(random() * (senses.length - 1));
    const id = senses[pick];
    const related = [id];
    if (pos === 'a') {
      const head = this.headOf.get(id);
      if (head !== undefined) related.push(head);
      else related.push(...(this.wn.satellites.get(id) ?? []).slice(0, 6));
    }
    const out: string[] = [];
    for (const s of related) {
      for (const m of this.wn.members.get(s) ?? []) {
        if (m !== lemma && !m.includes(lemma) && /^[a-z][a-z -]*$/.test(m) && m.split(' ').length <= 3) out.push(m);
      }
    }
    return out;
  }

  /** Longer alias of a proper name from WordNet ("Russia" → "Russian Federation"). */
  aliasFor(name: string): string | null {
    const lemma = name.toLowerCase();
    const ids = this.wn.senses.get(lemma)?.n;
    if (!ids) return null;
    for (const m of this.wn.members.get(ids[0]) ?? []) {
      if (m.length > lemma.length + 3 && m.includes(' ') && /^[a-z ]+$/.test(m)) {
        return m.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/\bOf\b/g, 'of');
      }
    }
    return null;
  }

  /**
   * Rewrites `text` with about `rate` of its content words replaced by synonyms; returns the
   * text and the share of content words actually replaced.
   */
  spin(text: string, rate: number, random: () => number): { text: string; achieved: number } {
    const its = this.nlp.its;
    const tokens = this.nlp.readDoc(text).tokens();
    const values = tokens.out(its.value) as string[];
    const pos = tokens.out(its.pos) as string[];
    // wink types `its.lemma` with the model add-ons parameter; at run time it is an ItsFunction.
    const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
    const spaces = tokens.out(its.precedingSpaces) as string[];
    const dropped = new Set<number>();
    const keepSense = (id: number) => {
      if (dropped.has(id)) return false;
      if (dropped.has(-id)) return true;
      // Decide once per synset and remember: a third of senses are unknown to this "thesaurus".
      const keep = random() >= 0.3;
      dropped.add(keep ? -id : id);
      return keep;
    };
    const content: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN'].includes(pos[i]) && !isStopword(values[i].toLowerCase())) content.push(i);
    }
    const target = Math.round(rate * content.length);
    let replaced = 0;
    const out = values.slice();
    for (const i of shuffle(content.slice(), random)) {
      if (replaced >= target) break;
      const p = POS_MAP[pos[i]];
      if (!p) continue;
      const options = this.synonymsFor(lemmas[i], p, random, keepSense);
      if (options.length === 0) continue;
      const chosen = inflect(options[Math.floor(random() * options.length)], values[i], lemmas[i], p);
      if (!chosen) continue;
      out[i] = matchCase(chosen, values[i]);
      replaced++;
    }
    // Alias inflation of proper names, every occurrence alike, as a find-and-replace would.
    const aliases = new Map<string, string | null>();
    for (let i = 0; i < values.length; i++) {
      if (pos[i] !== 'PROPN' || out[i] !== values[i]) continue;
      if (!aliases.has(values[i])) aliases.set(values[i], random() < 0.7 ? this.aliasFor(values[i]) : null);
      const alias = aliases.get(values[i]);
      if (alias) {
        out[i] = alias;
        replaced++;
      }
    }
    let result = '';
    for (let i = 0; i < out.length; i++) result += spaces[i] + out[i];
    return { text: result, achieved: content.length ? replaced / content.length : 0 };
  }
}

// ---------------------------------------------------------------- partial copies

export function splitSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z0-9])/).filter((s) => s.trim().length > 0);
}

function paragraphsOf(text: string): string[] {
  return text.split(/\n+/).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Keeps 30–70 % of the paragraphs, reorders some, drops sentences, mixes in the copier's own paragraphs. */
export function partialCopy(
  text: string,
  ownParagraphs: string[],
  random: () => number,
): { text: string; reusedWords: number; totalWords: number; sourceWords: number } {
  const paragraphs = paragraphsOf(text);
  const fraction = 0.3 + random() * 0.4;
  const keepCount = Math.max(1, Math.round(fraction * paragraphs.length));
  const chosen = shuffle(paragraphs.map((_, i) => i), random).slice(0, keepCount).sort((a, b) => a - b);
  let kept = chosen.map((i) => {
    let sentences = splitSentences(paragraphs[i]);
    if (sentences.length > 1) {
      const survivors = sentences.filter(() => random() >= 0.15);
      sentences = survivors.length ? survivors : [sentences[0]];
      if (sentences.length > 1 && random() < 0.2) shuffle(sentences, random);
    }
    return sentences.join(' ');
  });
  // Reorder: move a few paragraphs, as an editor moving the strongest quote up would.
  if (random() < 0.5) {
    for (let moves = 1 + Math.floor(random() * 2); moves > 0 && kept.length > 1; moves--) {
      const from = Math.floor(random() * kept.length);
      const [p] = kept.splice(from, 1);
      kept.splice(Math.floor(random() * (kept.length + 1)), 0, p);
    }
  }
  const reusedWords = kept.reduce((sum, p) => sum + wordCount(p), 0);
  for (const p of ownParagraphs) kept.splice(Math.floor(random() * (kept.length + 1)), 0, p);
  kept = kept.filter((p) => p.length > 0);
  const totalWords = kept.reduce((sum, p) => sum + wordCount(p), 0);
  return { text: kept.join('\n\n'), reusedWords, totalWords, sourceWords: wordCount(text) };
}

// ---------------------------------------------------------------- the set

function copyTiming(original: string | null | undefined, random: () => number): { published: string | null; timing: 'later' | 'same' | 'unknown' } {
  const r = random();
  const base = original ? Date.parse(original) : NaN;
  if (Number.isNaN(base) || r < 0.2) return { published: null, timing: 'unknown' };
  if (r < 0.4) return { published: new Date(base).toISOString(), timing: 'same' };
  const delayMs = (1 + random() * 71) * 3600 * 1000;
  return { published: new Date(base + delayMs).toISOString(), timing: 'later' };
}

/**
 * The evaluation set: originals (minus the donors) plus generated copies, in shuffled order.
 * Each original is copied at most once, so every true copy pair is (copy, its source).
 */
export function generateCopySet(
  articles: SourceArticle[],
  options: GeneratorOptions = DEFAULT_GENERATOR_OPTIONS,
  spinner: Spinner = new Spinner(),
): GeneratedArticle[] {
  const random = seededRandom(options.seed);
  spinner.reset();
  // Donors give the copiers their own paragraphs. Whole events are held out, so no article
  // left in the set shares a story (or a wire text) with a donor paragraph.
  const events = new Map<string, SourceArticle[]>();
  for (const a of articles) {
    const key = a.event ?? a.id;
    let list = events.get(key);
    if (!list) events.set(key, (list = []));
    list.push(a);
  }
  const donorEvents = shuffle([...events.values()].filter((list) => list.length <= 4), random);
  const donors: SourceArticle[] = [];
  for (const list of donorEvents) {
    if (donors.length >= options.donorArticles) break;
    donors.push(...list);
  }
  const donorIds = new Set(donors.map((d) => d.id));
  const originals = articles.filter((a) => !donorIds.has(a.id));
  const candidates = shuffle(originals.filter((a) => wordCount(a.text) >= 60), random);
  const needed = options.spinRates.length * options.spunPerRate + options.partialCopies + options.exactCopies;
  if (needed > candidates.length) throw new Error(`copy set needs ${needed} originals, only ${candidates.length} available`);
  // Each own paragraph is used once: two copiers never share text they did not copy.
  const donorParagraphs = shuffle(donors.flatMap((d) => paragraphsOf(bodyOf(d.text))).filter((p) => wordCount(p) >= 12), random);
  const out: GeneratedArticle[] = originals.map((a) => ({ ...a }));
  let next = 0;
  let copyNumber = 0;
  const take = () => candidates[next++];
  const makeId = (kind: string) => `gen-${kind}-${options.seed}-${copyNumber++}`;
  const fakeSource = () => `copier-${1 + Math.floor(random() * 40)}.example`;

  for (const rate of options.spinRates) {
    for (let k = 0; k < options.spunPerRate; k++) {
      const source = take();
      const { text, achieved } = spinner.spin(bodyOf(source.text), rate, random);
      const timing = copyTiming(source.published, random);
      out.push({
        id: makeId('spun'),
        source: fakeSource(),
        title: source.title,
        text,
        published: timing.published,
        event: source.event,
        copy: { kind: 'spun', sourceId: source.id, reusedFraction: 1, sourceReusedFraction: 1, substitutionRate: rate, achievedSubstitution: achieved, timing: timing.timing },
      });
    }
  }
  for (let k = 0; k < options.partialCopies; k++) {
    const source = take();
    const ownCount = random() < 0.6 ? 1 + Math.floor(random() * 3) : 0;
    const own = donorParagraphs.splice(0, ownCount);
    const partial = partialCopy(bodyOf(source.text), own, random);
    const timing = copyTiming(source.published, random);
    out.push({
      id: makeId('partial'),
      source: fakeSource(),
      title: source.title,
      text: partial.text,
      published: timing.published,
      event: source.event,
      copy: {
        kind: 'partial',
        sourceId: source.id,
        reusedFraction: partial.totalWords ? partial.reusedWords / partial.totalWords : 0,
        sourceReusedFraction: partial.sourceWords ? partial.reusedWords / partial.sourceWords : 0,
        timing: timing.timing,
      },
    });
  }
  for (let k = 0; k < options.exactCopies; k++) {
    const source = take();
    const timing = copyTiming(source.published, random);
    out.push({
      id: makeId('exact'),
      source: fakeSource(),
      title: source.title,
      text: source.text,
      published: timing.published,
      event: source.event,
      copy: { kind: 'exact', sourceId: source.id, reusedFraction: 1, sourceReusedFraction: 1, timing: timing.timing },
    });
  }
  return shuffle(out, random);
}
