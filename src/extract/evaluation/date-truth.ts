/**
 * Expected publication days for pages that state one, for `storyline eval extraction`.
 * The benchmark's ground truth has no dates, so the truth is derived from the page's own
 * *explicit, machine-readable* statements, read here with deliberately simple regular
 * expressions over the raw HTML (independent of the extractor's parser, date
 * normaliser and precedence rules):
 *
 *   1. JSON-LD  "datePublished": "YYYY-MM-DD…"
 *   2. <meta property="article:published_time" content="YYYY-MM-DD…">
 *   3. an element with itemprop="datePublished" and a content/datetime "YYYY-MM-DD…"
 *   4. the first <time datetime="YYYY-MM-DD…">
 *
 * The first source present with a plausible date (years 1990–2100; placeholders like
 * 0001-01-01 are skipped) gives the expected calendar day (the YYYY-MM-DD as written).
 * Pages with none of these are "pages that do not state a date" and are left out.
 * As an independent cross-check we also report agreement with a date in the URL.
 */

export interface DateTruth {
  day: string;
  source: 'json-ld' | 'article:published_time' | 'itemprop' | 'time';
}

const DAY = '(\\d{4}-\\d{2}-\\d{2})';
const JSON_LD_DATE = new RegExp(`"datePublished"\\s*:\\s*"${DAY}`);
const OG_DATE_A = new RegExp(`<meta[^>]+property=["']article:published_time["'][^>]*content=["']${DAY}`, 'i');
const OG_DATE_B = new RegExp(`<meta[^>]+content=["']${DAY}[^"']*["'][^>]*property=["']article:published_time["']`, 'i');
const ITEMPROP_DATE_A = new RegExp(`<[a-z]+[^>]+itemprop=["'][^"']*datePublished[^"']*["'][^>]*(?:content|datetime)=["']${DAY}`, 'i');
const ITEMPROP_DATE_B = new RegExp(`<[a-z]+[^>]+(?:content|datetime)=["']${DAY}[^"']*["'][^>]*itemprop=["'][^"']*datePublished`, 'i');
const TIME_DATE = new RegExp(`<time[^>]+datetime=["']?${DAY}`, 'i');
const JSON_LD_BLOCK = /<script[^>]+application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi;

/** Placeholders such as 0001-01-01 or 1970-01-01 state nothing. */
function plausible(day: string | undefined): day is string {
  if (!day) return false;
  const year = Number(day.slice(0, 4));
  return year >= 1990 && year <= 2100 && !day.endsWith('-00') && day.slice(5, 7) !== '00';
}

export function expectedPublicationDay(html: string): DateTruth | null {
  for (const block of html.matchAll(JSON_LD_BLOCK)) {
    const m = JSON_LD_DATE.exec(block[1]);
    if (plausible(m?.[1])) return { day: m[1], source: 'json-ld' };
  }
  const og = (OG_DATE_A.exec(html) ?? OG_DATE_B.exec(html))?.[1];
  if (plausible(og)) return { day: og, source: 'article:published_time' };
  const itemprop = (ITEMPROP_DATE_A.exec(html) ?? ITEMPROP_DATE_B.exec(html))?.[1];
  if (plausible(itemprop)) return { day: itemprop, source: 'itemprop' };
  const time = TIME_DATE.exec(html)?.[1];
  if (plausible(time)) return { day: time, source: 'time' };
  return null;
}

export interface DateEvaluation {
  pages: number;
  /** Pages whose HTML states a date (denominator of the two rates below). */
  withStatedDate: number;
  /** Our `published` is set on a page that states a date. */
  found: number;
  /** ... and falls on the stated calendar day. */
  correct: number;
  /** Pages with a date in the URL, and how many of those our day matches (independent check). */
  withUrlDate: number;
  matchesUrlDate: number;
  /** Pages that state no date but where we still report one (from <time> text or the URL). */
  foundWithoutStatedDate: number;
}

export function emptyDateEvaluation(): DateEvaluation {
  return { pages: 0, withStatedDate: 0, found: 0, correct: 0, withUrlDate: 0, matchesUrlDate: 0, foundWithoutStatedDate: 0 };
}

/** Adds one page to the tally. `ourDay` and `urlDay` are YYYY-MM-DD or null. */
export function tallyDate(tally: DateEvaluation, truth: DateTruth | null, ourDay: string | null, urlDay: string | null): void {
  tally.pages++;
  if (truth) {
    tally.withStatedDate++;
    if (ourDay) tally.found++;
    if (ourDay === truth.day) tally.correct++;
  } else if (ourDay) {
    tally.foundWithoutStatedDate++;
  }
  if (urlDay) {
    tally.withUrlDate++;
    if (ourDay === urlDay) tally.matchesUrlDate++;
  }
}
