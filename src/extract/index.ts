/**
 * HTML → article text and metadata (DESIGN.md "extract/"). One entry point chains the
 * concerns, each in its own module:
 *
 *   prestrip (html-prestrip.ts)   drop scripts, styles, chrome, hidden widgets from the string;
 *                                 capture JSON-LD and metadata tags on the way
 *   parse + Readability           linkedom DOM, Readability picks the article element
 *   precision filters             boilerplate/: named furniture, figures, link lists,
 *                                 "Related" sections, then furniture lines by phrase
 *   recall fallback               JSON-LD articleBody / largest paragraph cluster when
 *                                 too little was found
 *   metadata + language           metadata/ (JSON-LD > OpenGraph > meta > time > URL), eld
 *
 * The function is pure and synchronous; reading files is the caller's business
 * (see read-html.ts and the CLI).
 */
import { parseHTML } from 'linkedom';
import { blockParagraphs, type TextNodeLike } from './block-text.ts';
import { removeBoilerplateElements, type DomFilterOptions } from './boilerplate/dom-filters.ts';
import { filterParagraphs, type ParagraphContext } from './boilerplate/paragraph-filters.ts';
import { prestripHtml, type PrestripOptions } from './html-prestrip.ts';
import { detectLanguage } from './language.ts';
import { collectMetadata } from './metadata/index.ts';
import { runReadability, type ReadabilityOutcome } from './readability-run.ts';
import { recallFallback } from './recall-fallback.ts';

export interface ExtractedArticle {
  url: string | null;
  title: string | null;
  byline: string | null;
  /** ISO-8601: a date, or a date-time with the offset the page gave. */
  published: string | null;
  siteName: string | null;
  /** ISO 639-1. */
  language: string | null;
  /** Paragraphs separated by a blank line. */
  text: string;
  /** field → where its value came from: json-ld, opengraph, meta, microdata, time, url, title-tag, … */
  provenance: Record<string, string>;
}

export interface ExtractOptions {
  /** The URL the page was fetched from: base for relative URLs, date-in-URL fallback. */
  url?: string;
  /** Overrides of the tuning knobs (evaluation and ablation studies). */
  settings?: Partial<ExtractionSettings>;
}

/** Tuning knobs, in one place (trafilatura-style settings object). */
export interface ExtractionSettings {
  /**
   * Readability retries with relaxed rules below this many characters. Its default (500)
   * throws away correct short articles and then, with relaxed rules, often picks the
   * comment thread instead; 250 keeps news briefs.
   */
  readabilityCharThreshold: number;
  /** An element holding more than this share of the article text is never filtered out. */
  maxRemovedShare: number;
  /** Link text / text above which a block counts as a link list. */
  linkDensityThreshold: number;
  /** What the string prestrip drops (all on by default). */
  prestrip: PrestripOptions;
  /** DOM filter rules to run (all by default). */
  domRules: DomFilterOptions['rules'];
  /** Line filter rules to run (all by default). */
  lineRules: ParagraphContext['rules'];
  /** Look for more text when too little was found. */
  recallFallback: boolean;
}

export const EXTRACTION_SETTINGS: Readonly<ExtractionSettings> = {
  readabilityCharThreshold: 250,
  maxRemovedShare: 0.4,
  linkDensityThreshold: 0.5,
  prestrip: {},
  domRules: {},
  lineRules: {},
  recallFallback: true,
};

/** Throws when `html` cannot be an HTML page (empty, binary, JSON, no markup). */
export function assertReadableHtml(html: unknown): asserts html is string {
  if (typeof html !== 'string') throw new Error('input is not text');
  const head = html.slice(0, 4096);
  if (html.trim().length === 0) throw new Error('empty document');
  if (head.includes('\u0000')) throw new Error('binary content, not HTML (NUL bytes)');
  const controls = head.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (controls > head.length * 0.05) throw new Error('binary content, not HTML (undecodable bytes)');
  const start = head.trimStart();
  if ((start.startsWith('{') || start.startsWith('[')) && !/<[a-z!]/i.test(head)) throw new Error('JSON, not HTML');
  if (!/<(?:!doctype|html|head|body|[a-z][a-z0-9]*[\s>/])/i.test(html.slice(0, 1 << 20))) throw new Error('no HTML markup found');
}

export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  assertReadableHtml(html);
  const settings: ExtractionSettings = { ...EXTRACTION_SETTINGS, ...options.settings };
  const stripped = prestripHtml(html, settings.prestrip);
  const { document } = parseHTML(stripped.html);

  let outcome: ReadabilityOutcome | null = null;
  try {
    outcome = runReadability(document as unknown as Document, stripped.html, {
      charThreshold: settings.readabilityCharThreshold,
    });
  } catch {
    // Readability gives up on some degenerate documents; the fallback below still runs.
    outcome = null;
  }

  const metadata = collectMetadata({
    tags: stripped.tags,
    jsonLd: stripped.jsonLd,
    url: options.url,
    readability: outcome ? { title: outcome.title, byline: outcome.byline } : undefined,
  });
  const context: ParagraphContext = { title: metadata.title, byline: metadata.byline, rules: settings.lineRules };
  const provenance: Record<string, string> = { ...metadata.provenance };
  delete provenance['declaredLanguage'];

  let paragraphs: string[] = [];
  if (outcome?.article) {
    removeBoilerplateElements(outcome.article, {
      maxRemovedShare: settings.maxRemovedShare,
      linkDensityThreshold: settings.linkDensityThreshold,
      rules: settings.domRules,
    });
    paragraphs = filterParagraphs(blockParagraphs(outcome.article as unknown as TextNodeLike), context).kept;
    provenance['text'] = 'readability';
  }
  const fallback = settings.recallFallback
    ? recallFallback(paragraphs, stripped.html, metadata.jsonLdBody, (found) => filterParagraphs(found, context).kept)
    : null;
  if (fallback) {
    paragraphs = fallback.paragraphs;
    provenance['text'] = fallback.source;
  }
  const text = paragraphs.join('\n\n');

  const language = detectLanguage(text, metadata.declaredLanguage);
  if (language.language) provenance['language'] = language.source === 'text' ? 'text' : (metadata.provenance.declaredLanguage ?? 'html-lang');

  return {
    url: metadata.url,
    title: metadata.title,
    byline: metadata.byline,
    published: metadata.published,
    siteName: metadata.siteName,
    language: language.language,
    text,
    provenance,
  };
}
