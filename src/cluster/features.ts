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
  /**
   * Weight of a proper-name feature ("n:" + capitalised word) relative to a term. 0 by
   * default: names are already terms, and doubling them made topically close events (four
   * North Korea stories) look alike; measured in docs/bench/clustering.md.
   */
  nameWeight: number;
  /** Weight of an entity feature (canonical entity key from the tagger, when given). */
  entityWeight: number;
  /** Weight of a two-word phrase feature relative to a term (0: no phrases). */
  bigramWeight: number;
  /** Join probability needed to join a story; when absent, the join model's own threshold. */
  joinThreshold?: number;
  /**
   * Stories whose publication span is further than this from an article are not candidates,
   * and are evicted from memory. Long: gold events run for months (the learned time-gap
   * feature, not this window, is what discounts old stories).
   */
  activeWindowDays: number;
  /** Terms kept in a story centroid. */
  centroidTerms: number;
  /** Article terms used to look up candidate stories. */
  queryTerms: number;
  /** Story terms entered in the inverted index. */
  indexTerms: number;
  /** Stories kept in memory (least recently updated ones are evicted beyond this). */
  maxActiveStories: number;
  /** Add the background document frequencies (idf-prior.json) to the observed ones. */
  useIdfPrior: boolean;
}

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = {
  titleWeight: 3,
  leadWeight: 1.5,
  leadSentences: 3,
  nameWeight: 0,
  entityWeight: 1,
  bigramWeight: 0,
  activeWindowDays: 3650,
  centroidTerms: 200,
  queryTerms: 40,
  indexTerms: 80,
  maxActiveStories: 20000,
  useIdfPrior: true,
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
  /**
   * Title terms (stems) → count. Headlines are written to name the event, so title-to-title
   * similarity is a separate signal from whole-text similarity. Absent on features built by
   * older code: treated as an empty title.
   */
  title?: Map<string, number>;
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

export function isContentWord(lower: string): boolean {
  if (lower.length < 2 || STOPWORDS.has(lower)) return false;
  // Bare numbers below 1000 (counts, days) are noise; years and large figures are kept.
  if (/^\d+$/.test(lower) && lower.length < 4) return false;
  return true;
}

export function termKey(lower: string): string {
  return stem(lower.replace(/['’]s$/, '').replace(/\./g, ''));
}

/** Term key of a content word, null for others; cached per word (every token asks). */
const contentKeys = new Map<string, string | null>();
function contentTermKey(lower: string): string | null {
  let key = contentKeys.get(lower);
  if (key === undefined) {
    key = isContentWord(lower) ? termKey(lower) : null;
    if (contentKeys.size > 200_000) contentKeys.clear();
    contentKeys.set(lower, key);
  }
  return key;
}

/** A token's term key: kept on the word's shared forms when the tokeniser gave them. */
export function tokenTermKey(token: Token): string | null {
  const forms = token.forms;
  if (forms === undefined) return contentTermKey(token.lower);
  let key = forms.termKey;
  if (key === undefined) forms.termKey = key = contentTermKey(token.lower);
  return key;
}

function add<K>(counts: Map<K, number>, key: K, weight: number): void {
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

/** Distinct content terms a text needs before a title sharing none of them is taken for a site name. */
const MIN_TERMS_TO_OVERRULE_TITLE = 40;
/** Tokens of the first body sentence used in place of a missing title. */
const LEAD_AS_TITLE_TOKENS = 25;

export interface FeatureInput {
  titleTokens: Token[];
  bodyTokens: Token[];
  bodySentences: Sentence[];
  hasCase: boolean;
  /** Canonical entity keys from the tagger, when available. */
  entities?: string[];
}

/**
 * How features name their terms: as strings (ArticleFeatures) or as numbers a prepare worker
 * posts instead (TermNumbers, src/cluster/term-numbers.ts). One feature definition serves both,
 * so numbered features are the string features renamed, in the same order, with the same
 * weights.
 */
export interface TermKeys<K> {
  /** A token's content term, null for none. */
  token(token: Token): K | null;
  /** Two adjacent content terms as a phrase. */
  bigram(first: K, second: K): K;
  /** A proper name ("n:" features). */
  name(lower: string): K;
  /** A canonical entity key from the tagger ("e:" features). */
  entity(key: string): K;
}

const STRING_TERMS: TermKeys<string> = {
  token: tokenTermKey,
  bigram: (first, second) => `b:${first}_${second}`,
  name: (lower) => 'n:' + lower,
  entity: (key) => 'e:' + key,
};

export function articleFeatures(input: FeatureInput, params: ClusterParams = DEFAULT_CLUSTER_PARAMS): ArticleFeatures {
  return featureMaps(input, params, STRING_TERMS);
}

/** The features of articleFeatures, with terms named by `keys`. */
export function featureMaps<K>(input: FeatureInput, params: ClusterParams, keys: TermKeys<K>): { counts: Map<K, number>; title: Map<K, number> } {
  const counts = new Map<K, number>();
  const bodyKeys = input.bodyTokens.map((t) => keys.token(t));
  let title = new Map<K, number>();
  for (const t of input.titleTokens) {
    const key = keys.token(t);
    if (key !== null) add(title, key, 1);
  }
  // A "title" that shares no word with a full-length text is a site or section name ("NPR
  // Search", "World news - RT International"), not a headline: it is dropped. A short text that
  // shares nothing with its title is more likely a stub ("Chat with us in Facebook Messenger"),
  // and then the title is the only real content.
  const bodyTerms = new Set(bodyKeys.filter((k): k is K => k !== null));
  if (bodyTerms.size >= MIN_TERMS_TO_OVERRULE_TITLE && ![...title.keys()].some((k) => bodyTerms.has(k))) title = new Map();
  for (const [key, n] of title) add(counts, key, n * params.titleWeight);
  if (title.size === 0) {
    // No headline: the first sentence of the body plays its part (news copy opens with the news).
    const first = input.bodySentences[0];
    const end = Math.min(first?.endToken ?? 0, (first?.firstToken ?? 0) + LEAD_AS_TITLE_TOKENS);
    for (let i = first?.firstToken ?? 0; i < end; i++) {
      const key = bodyKeys[i];
      if (key !== null) add(title, key, 1);
    }
  }
  const leadEnd = input.bodySentences[Math.min(params.leadSentences, input.bodySentences.length) - 1]?.endToken ?? 0;
  bodyKeys.forEach((key, i) => {
    if (key !== null) add(counts, key, i < leadEnd ? params.leadWeight : 1);
  });
  if (params.bigramWeight > 0) {
    // Adjacent content words as phrases ("falcon heavy", "panama papers"): rarer than either word.
    for (let i = 1; i < bodyKeys.length; i++) {
      const a = bodyKeys[i - 1];
      const b = bodyKeys[i];
      if (a !== null && b !== null) add(counts, keys.bigram(a, b), (i < leadEnd ? params.leadWeight : 1) * params.bigramWeight);
    }
  }
  // Name features weigh nothing by default (see nameWeight): then they are not computed.
  if (input.hasCase && params.nameWeight > 0) {
    const names = nameTokens(input.bodyTokens, input.bodySentences);
    for (const i of names) add(counts, keys.name(input.bodyTokens[i].lower.replace(/['’]s$/, '')), params.nameWeight);
    for (const t of input.titleTokens) {
      if (/^\p{Lu}/u.test(t.text) && !STOPWORDS.has(t.lower) && counts.has(keys.name(t.lower))) add(counts, keys.name(t.lower), params.nameWeight);
    }
  }
  for (const entity of input.entities ?? []) add(counts, keys.entity(entity), params.entityWeight);
  // Sublinear term frequency: the tenth mention of a word says less than the second.
  for (const [key, value] of counts) counts.set(key, 1 + Math.log(value));
  return { counts, title };
}
