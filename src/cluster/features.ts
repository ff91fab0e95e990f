/**
 * What the story clusterer sees of an article: stemmed content terms weighted by where they
 * occur (title > lead > body), and proper names as separate features, because two articles
 * about one event share its actors and places more reliably than its wording.
 */
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOPWORDS } from 'stopword';
import type { Sentence, Token } from '../text/tokens.ts';

export interface ClusterParams {
  titleWeight: number;
  leadWeight: number;
  /** Sentences counted as the lead. */
  leadSentences: number;
  /** Weight of a proper-name feature relative to a term. */
  nameWeight: number;
  /** Weight of an entity feature (canonical entity from the tagger). */
  entityWeight: number;
  /** Similarity needed to join an existing story. */
  threshold: number;
  /** Time scale (days) of the penalty for the gap between an article and a story. */
  timeScaleDays: number;
  /** Stories not updated for this many days (publication time) stop taking articles. */
  activeWindowDays: number;
  /** Terms kept in a story centroid. */
  centroidTerms: number;
  /** Article terms used to look up candidate stories. */
  queryTerms: number;
  /** Story terms entered in the inverted index. */
  indexTerms: number;
  /** Stories kept in memory when articles carry no dates. */
  maxActiveStories: number;
}

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = {
  titleWeight: 3,
  leadWeight: 1.5,
  leadSentences: 3,
  nameWeight: 1.5,
  entityWeight: 2,
  threshold: 0.3,
  timeScaleDays: 7,
  activeWindowDays: 30,
  centroidTerms: 300,
  queryTerms: 20,
  indexTerms: 40,
  maxActiveStories: 20000,
};

const STOPWORDS = new Set<string>([
  ...ENGLISH_STOPWORDS,
  // Reporting verbs and web furniture carry no event information.
  'said', 'says', 'told', 'according', 'reported', 'report', 'reuters', 'ap', 'afp', 'photo', 'image', 'video', 'copyright',
  'mr', 'mrs', 'ms', 'would', 'could', 'also', 'one', 'two', 'new', 'year', 'years', 'last', 'first', 'us',
]);

export interface ArticleFeatures {
  /** feature → weighted term frequency. Terms are stems; names are prefixed "n:", entities "e:". */
  counts: Map<string, number>;
}

const stemCache = new Map<string, string>();
function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stemCache.size > 200000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function isContentWord(lower: string): boolean {
  if (lower.length < 2 || STOPWORDS.has(lower)) return false;
  // Bare numbers below 1000 (counts, days) are noise; years and large figures are kept.
  if (/^\d+$/.test(lower) && lower.length < 4) return false;
  return true;
}

export function termKey(lower: string): string {
  return stem(lower.replace(/['’]s$/, '').replace(/\./g, ''));
}

function add(counts: Map<string, number>, key: string, weight: number): void {
  if (weight <= 0) return;
  counts.set(key, (counts.get(key) ?? 0) + weight);
}

/**
 * Proper-name tokens: capitalised words that are not sentence-initial, or sentence-initial
 * words seen capitalised elsewhere in the text. Only meaningful when the text has case.
 */
function nameTokens(tokens: Token[], sentences: Sentence[]): Set<number> {
  const initial = new Set(sentences.map((s) => s.firstToken));
  const capitalisedInside = new Set<string>();
  const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
  tokens.forEach((t, i) => {
    if (!initial.has(i) && isCapitalised(t)) capitalisedInside.add(t.lower);
  });
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (!isCapitalised(t) || STOPWORDS.has(t.lower)) return;
    if (!initial.has(i) || capitalisedInside.has(t.lower)) out.add(i);
  });
  return out;
}

export interface FeatureInput {
  titleTokens: Token[];
  bodyTokens: Token[];
  bodySentences: Sentence[];
  hasCase: boolean;
  /** Canonical entity keys from the tagger, when available. */
  entities?: string[];
}

export function articleFeatures(input: FeatureInput, params: ClusterParams = DEFAULT_CLUSTER_PARAMS): ArticleFeatures {
  const counts = new Map<string, number>();
  for (const t of input.titleTokens) if (isContentWord(t.lower)) add(counts, termKey(t.lower), params.titleWeight);
  const leadEnd = input.bodySentences[Math.min(params.leadSentences, input.bodySentences.length) - 1]?.endToken ?? 0;
  input.bodyTokens.forEach((t, i) => {
    if (isContentWord(t.lower)) add(counts, termKey(t.lower), i < leadEnd ? params.leadWeight : 1);
  });
  if (input.hasCase) {
    const names = nameTokens(input.bodyTokens, input.bodySentences);
    for (const i of names) add(counts, 'n:' + input.bodyTokens[i].lower.replace(/['’]s$/, ''), params.nameWeight);
    for (const t of input.titleTokens) {
      if (/^\p{Lu}/u.test(t.text) && !STOPWORDS.has(t.lower) && counts.has('n:' + t.lower)) add(counts, 'n:' + t.lower, params.nameWeight);
    }
  }
  for (const entity of input.entities ?? []) add(counts, 'e:' + entity, params.entityWeight);
  // Sublinear term frequency: the tenth mention of a word says less than the second.
  for (const [key, value] of counts) counts.set(key, 1 + Math.log(value));
  return { counts };
}
