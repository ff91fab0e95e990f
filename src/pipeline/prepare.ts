/**
 * The pure part of ingest: one raw record → a prepared article with everything that can be
 * computed without the store (text, language, boilerplate, tokens, fingerprints, features,
 * annotations). Runs in publication order later; here order does not matter.
 */
import type { Annotations, BoilerplateSpan, Message, RawRecord } from '../types.ts';
import type { ExtractedArticle } from '../extract/index.ts';
import type { ArticleRow } from '../store/types.ts';
import type { CanonicalText, NumberedWords, WordNumbering } from '../dedup/canonical.ts';
import { maskBoilerplate } from '../dedup/boilerplate.ts';
import { parsePublished, sourceFromUrl } from '../ingest/published.ts';
import { contentKey, hasCaseInformation } from '../text/normalise.ts';
import { detectLanguage } from '../text/language.ts';
import { splitSentences, tokenize } from '../text/tokens.ts';
import { hash64Hex } from '../dedup/hash.ts';
import { NEAR_DUPLICATE_PARAMS, lshBandKeys, minhashSignature, shingleHashes } from '../dedup/minhash.ts';
import { articleFeatures, type ArticleFeatures, type ClusterParams } from '../cluster/features.ts';
import type { NumberedFeatures, TermNumbers } from '../cluster/term-numbers.ts';
import type { SerialisedAnnotations } from '../store/facets.ts';

/** Texts shorter than this many words are stubs: identified by title and text together. */
const STUB_TEXT_TOKENS = 50;

/** Word n-grams for near-duplicate MinHash: long enough that shared phrases are rare by chance. */
const NEAR_DUPLICATE_SHINGLE = 4;

/** The stored article's own fields (ArticleRow without what the store and later stages add). */
type ArticleFields = Pick<
  ArticleRow,
  'id' | 'inputId' | 'url' | 'source' | 'title' | 'published' | 'publishedMs' | 'language' | 'text' | 'raw' | 'origin' | 'contentHash' | 'boilerplate' | 'annotations'
>;

export interface PreparedArticle extends ArticleFields {
  /** Set instead of `annotations` by a prepare worker (see src/store/facets.ts). */
  serialisedAnnotations?: SerialisedAnnotations;
  minhash: Uint32Array;
  nearDuplicateKeys: string[];
  /** Numbered (term-numbers.ts) when a worker prepared the article. */
  features: ArticleFeatures | NumberedFeatures;
  copy: CopyFeatures | null;
  /** Line hashes for per-source template detection. */
  lineKeys: string[];
  /**
   * The analysis text's words, numbered by a prepare worker (PrepareOptions.canonicalWords),
   * for the receiving thread's copy features; consumed there.
   */
  canonicalWords?: NumberedWords;
  warnings: Message[];
  /**
   * True when the steps either thread can do were left to the thread that receives the
   * article (`PrepareOptions.deferFinish`): `language` is still the declared one and
   * `lineKeys` is empty until `finishArticle`.
   */
  unfinished?: boolean;
}

export interface CopyFeatures {
  canonical: CanonicalText;
  copyKeys: string[];
  spinAlone: number;
}

export interface PrepareOptions {
  clusterParams: ClusterParams;
  /** HTML → text and metadata; loaded only when a record carries HTML. */
  extractHtml?: (html: string, options: { url?: string }) => ExtractedArticle;
  /** Marks boilerplate spans in the text (link lists, templates). */
  findBoilerplate?: (text: string, source: string | null) => BoilerplateSpan[];
  /** Hashes of the text's lines, counted per source to find template lines. */
  boilerplateLineKeys?: (text: string) => string[];
  /**
   * Features with numbered terms (prepare workers: see term-numbers.ts); without it, term
   * maps.
   */
  termNumbers?: TermNumbers;
  /**
   * Leave language detection and line keys to the thread that receives the article (a
   * prepare worker busier than the ingest thread: see PreparePool).
   */
  deferFinish?: boolean;
  /** Canonical tokens, copy-index keys and a text-only spin score for copy detection. */
  copyFeatures?: (analysis: string, text: string, canonical?: CanonicalText) => CopyFeatures;
  /**
   * A prepare worker numbers the analysis text's words for the thread that computes copy
   * features (unless deferFinish: then that thread scans the text itself; see PreparePool).
   */
  canonicalWords?: WordNumbering;
  /** Entities, places and dates; entity keys also feed the clustering. */
  annotate?: (text: string, published: string | null, mask: BoilerplateSpan[], title: string | null) => Annotations;
}

/** The text with boilerplate spans blanked out: same offsets, none of the boilerplate words. */
export function analysisText(text: string, spans: BoilerplateSpan[]): string {
  return maskBoilerplate(text, [...spans].sort((a, b) => a.start - b.start));
}

export type PrepareResult = { article: PreparedArticle } | { error: Message };

/**
 * The steps an article prepared with `deferFinish` still needs, as prepareArticle does them:
 * language detection (`clean` is its analysisText) and the line keys of its source.
 */
export function finishArticle(article: PreparedArticle, clean: string, lineKeys: (text: string) => string[]): void {
  if (!article.unfinished) return;
  article.language = detectLanguage(clean, article.language);
  article.lineKeys = article.source ? lineKeys(article.text) : [];
  delete article.unfinished;
}

/** Whether a single-spaced key has fewer than `limit` words (counted up to the limit only). */
function wordCountBelow(key: string, limit: number): boolean {
  let words = 1;
  for (let at = key.indexOf(' '); at >= 0 && words < limit; at = key.indexOf(' ', at + 1)) words++;
  return words < limit;
}

/** A stage threw on this record: reported as its error, the batch goes on. */
export function internalError(origin: Message['origin'], err: unknown): PrepareResult {
  return { error: { level: 'error', reason: `internal error while preparing: ${(err as Error).message}`, origin } };
}

export function prepareArticle(record: RawRecord, options: PrepareOptions): PrepareResult {
  const { input, origin } = record;
  const fail = (reason: string): PrepareResult => ({ error: { level: 'error', reason, origin } });
  const warnings: Message[] = [];

  let text = input.text;
  let title = input.title ?? null;
  let url = input.url ?? null;
  let published = input.published;
  let language = input.language ?? null;
  if ((text === undefined || text.trim() === '') && input.html !== undefined) {
    if (!options.extractHtml) return fail('HTML record but no extractor loaded');
    let extracted;
    try {
      extracted = options.extractHtml(input.html, { url: url ?? undefined });
    } catch (err) {
      return fail(`cannot extract text from HTML: ${(err as Error).message}`);
    }
    text = extracted.text;
    title = title ?? extracted.title ?? record.fallback?.title ?? null;
    url = url ?? extracted.url;
    published = published ?? extracted.published ?? record.fallback?.published;
    language = language ?? extracted.language;
  }
  if (text === undefined || text.trim() === '') return fail(input.html !== undefined ? 'no article text found in HTML' : 'missing text');

  title = title ?? record.fallback?.title ?? null;
  const date = parsePublished(published ?? record.fallback?.published);
  if ('error' in date) return fail(date.error);
  const publishedMs = date.iso ? Date.parse(date.iso) : null;

  // A stub text ("Chat with us in Facebook Messenger") does not identify an article: below
  // STUB_TEXT_TOKENS words the title is part of what must match for two records to be one.
  const key = contentKey(text);
  const stub = wordCountBelow(key, STUB_TEXT_TOKENS);
  const contentHash = hash64Hex(stub ? `${contentKey(title ?? '')}\n${key}` : key);
  const source = input.source ?? sourceFromUrl(url) ?? null;
  const boilerplate = options.findBoilerplate ? options.findBoilerplate(text, source) : [];
  const clean = analysisText(text, boilerplate);

  const bodyTokens = tokenize(clean);
  const bodySentences = splitSentences(clean, bodyTokens);
  const annotations = options.annotate ? options.annotate(text, date.iso, boilerplate, title) : null;
  const entityKeys = annotations?.entities.map((e) => `${e.type}:${e.canonical.toLowerCase()}`);
  const featureInput = { titleTokens: tokenize(title ?? ''), bodyTokens, bodySentences, hasCase: hasCaseInformation(clean), entities: entityKeys };
  const features = options.termNumbers
    ? options.termNumbers.features(featureInput, options.clusterParams)
    : articleFeatures(featureInput, options.clusterParams);
  const minhash = minhashSignature(
    shingleHashes(bodyTokens.map((t) => t.lower), NEAR_DUPLICATE_SHINGLE),
    NEAR_DUPLICATE_PARAMS.numHashes,
  );

  return {
    article: {
      // The input's own id when it has one; otherwise a stable hash of the normalised content.
      id: input.id ?? contentHash,
      inputId: input.id ?? null,
      url,
      source,
      title,
      published: date.iso,
      publishedMs,
      language: options.deferFinish ? language : detectLanguage(clean, language),
      ...(options.deferFinish ? { unfinished: true } : {}),
      text,
      raw: record.raw,
      origin,
      contentHash,
      boilerplate,
      annotations,
      minhash,
      nearDuplicateKeys: !stub && bodyTokens.length >= NEAR_DUPLICATE_SHINGLE ? lshBandKeys(minhash, NEAR_DUPLICATE_PARAMS.bands) : [],
      features,
      copy: options.copyFeatures ? options.copyFeatures(clean, text) : null,
      lineKeys: source && options.boilerplateLineKeys && !options.deferFinish ? options.boilerplateLineKeys(text) : [],
      ...(options.canonicalWords && !options.deferFinish ? { canonicalWords: options.canonicalWords.words(clean) } : {}),
      warnings,
    },
  };
}
