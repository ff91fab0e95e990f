/**
 * `storyline eval extraction`: body-text quality (the Zyte benchmark metric, see
 * shingle-metric.ts) and publication-date accuracy (see date-truth.ts) over a directory
 * of pages and a ground-truth file `{id: {articleBody, url}}`.
 */
import { extractArticle } from '../index.ts';
import { calendarDay } from '../metadata/dates.ts';
import { dateFromUrl } from '../metadata/url-date.ts';
import { expectedPublicationDay, emptyDateEvaluation, tallyDate, type DateEvaluation, type DateTruth } from './date-truth.ts';
import { readabilityBaselineText } from './readability-baseline.ts';
import { scoreCorpus, scorePage, type CorpusScore, type PageScore } from './shingle-metric.ts';

export interface GroundTruthEntry {
  articleBody: string;
  url?: string;
}

export interface PageResult {
  id: string;
  url: string | null;
  score: PageScore;
  published: string | null;
  expectedDate: DateTruth | null;
  error?: string;
}

export interface ExtractionEvaluation {
  corpus: CorpusScore;
  dates: DateEvaluation;
  pages: PageResult[];
  /** Truth ids with no HTML file (scored as empty extractions). */
  missing: string[];
}

/** Parses and checks a ground-truth file's JSON text. */
export function parseGroundTruth(json: string): Map<string, GroundTruthEntry> {
  const data = JSON.parse(json) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('ground truth must be a JSON object {id: {articleBody, url}}');
  const truth = new Map<string, GroundTruthEntry>();
  for (const [id, entry] of Object.entries(data as Record<string, unknown>)) {
    const body = (entry as { articleBody?: unknown })?.articleBody;
    if (typeof body !== 'string') throw new Error(`ground truth entry ${id}: articleBody is not a string`);
    const url = (entry as { url?: unknown }).url;
    truth.set(id, { articleBody: body, url: typeof url === 'string' ? url : undefined });
  }
  return truth;
}

export type Extractor = 'storyline' | 'readability';

export interface EvaluateOptions {
  extractor?: Extractor;
  /** Compare tokens case-sensitively, exactly as upstream evaluate.py does. */
  caseSensitive?: boolean;
}

export function evaluatePage(id: string, html: string | null, truth: GroundTruthEntry, options: EvaluateOptions = {}): PageResult {
  const extractor = options.extractor ?? 'storyline';
  let text = '';
  let published: string | null = null;
  let error: string | undefined;
  if (html === null) {
    error = 'no HTML file';
  } else {
    try {
      if (extractor === 'readability') {
        text = readabilityBaselineText(html);
      } else {
        const article = extractArticle(html, { url: truth.url });
        text = article.text;
        published = article.published;
      }
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return {
    id,
    url: truth.url ?? null,
    score: scorePage(truth.articleBody, text, { caseSensitive: options.caseSensitive }),
    published,
    expectedDate: html === null ? null : expectedPublicationDay(html),
    ...(error ? { error } : {}),
  };
}

export function summarise(pages: PageResult[], missing: string[] = [], withDates = true): ExtractionEvaluation {
  const dates = emptyDateEvaluation();
  if (withDates) {
    for (const page of pages) {
      if (page.error === 'no HTML file') continue;
      tallyDate(dates, page.expectedDate, calendarDay(page.published), dateFromUrl(page.url));
    }
  }
  return { corpus: scoreCorpus(pages.map((p) => p.score)), dates, pages, missing };
}

/** Pages sorted from worst F1 up. */
export function worstPages(pages: PageResult[], count: number): PageResult[] {
  return [...pages].sort((a, b) => a.score.f1 - b.score.f1).slice(0, count);
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

export function formatEvaluation(evaluation: ExtractionEvaluation, worstCount: number, label = 'storyline', caseSensitive = false): string {
  const { corpus, dates } = evaluation;
  const lines = [
    `extractor: ${label}`,
    `pages: ${corpus.pages}${evaluation.missing.length ? ` (${evaluation.missing.length} without an HTML file)` : ''}`,
    `body text (word 4-gram shingles, ${caseSensitive ? 'case-sensitive as upstream evaluate.py' : 'lowercased'}):`,
    `  precision  ${corpus.precision.toFixed(4)}   (mean over pages)`,
    `  recall     ${corpus.recall.toFixed(4)}   (mean over pages)`,
    `  F1         ${corpus.f1.toFixed(4)}   (benchmark formula: 2PR/(P+R) of the means)`,
    `  mean F1    ${corpus.meanPageF1.toFixed(4)}   (mean of per-page F1)`,
  ];
  if (dates.pages > 0) {
    lines.push(
      `publication date (truth: the page's own JSON-LD datePublished > article:published_time > itemprop datePublished > first <time datetime>):`,
      `  pages stating a date   ${dates.withStatedDate} of ${dates.pages}`,
      `  found                  ${dates.found} (${pct(dates.found, dates.withStatedDate)})`,
      `  correct calendar day   ${dates.correct} (${pct(dates.correct, dates.withStatedDate)})`,
      `  agrees with URL date   ${dates.matchesUrlDate} of ${dates.withUrlDate} pages with a date in the URL (${pct(dates.matchesUrlDate, dates.withUrlDate)})`,
      `  dated pages without a stated date: ${dates.foundWithoutStatedDate}`,
    );
  }
  if (worstCount > 0) {
    lines.push(`worst ${worstCount} pages (F1, P, R):`);
    for (const page of worstPages(evaluation.pages, worstCount)) {
      const s = page.score;
      lines.push(`  ${s.f1.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  ${page.id}${page.url ? '  ' + page.url : ''}${page.error ? '  [' + page.error + ']' : ''}`);
    }
  }
  return lines.join('\n');
}
