/**
 * The story page's derived parts, as pure functions over what the queries return: the
 * coverage timeline, the copy graph, and the entities / places / dates of its articles.
 */
import type { ArticleBrief, StoryArticle, TimelineCount } from '../store/queries.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO). */
const FIRST_MONDAY_MS = 4 * DAY_MS;
/** Longest span drawn in hours, then in days; beyond it, weeks. Keeps a timeline under ~100 bars. */
const MAX_HOURLY_SPAN_MS = 4 * DAY_MS;
const MAX_DAILY_SPAN_MS = 100 * DAY_MS;
/** Sources drawn as their own series; the rest are summed as "other sources". */
export const TIMELINE_MAX_SERIES = 6;
export const OTHER_SOURCES = 'other sources';
/** Facet lists on a story page are capped: a big story mentions hundreds of names once. */
export const MAX_ENTITIES = 60;
export const MAX_PLACES = 100;
const MAX_DATES = 40;
/**
 * Entities and places of a story are counted over its first articles in time order: enough to
 * rank the names a story is about, and a story page costs the same whatever the story's size.
 */
export const FACET_ARTICLES = 60;
/** Place coordinates and dates come from the annotations of its first articles. */
export const ANNOTATION_ARTICLES = 20;

export type BucketUnit = 'hour' | 'day' | 'week';

export interface Timeline {
  unit: BucketUnit;
  bucketMs: number;
  /** Start of the first bucket (UTC, aligned to the unit). */
  startMs: number;
  buckets: number;
  series: Array<{ source: string; total: number; counts: number[] }>;
  /** Articles without a publication date, not drawn. */
  undated: number;
}

export function chooseBucket(firstMs: number, lastMs: number): { unit: BucketUnit; bucketMs: number; startMs: number } {
  const span = Math.max(0, lastMs - firstMs);
  if (span <= MAX_HOURLY_SPAN_MS) return { unit: 'hour', bucketMs: HOUR_MS, startMs: Math.floor(firstMs / HOUR_MS) * HOUR_MS };
  if (span <= MAX_DAILY_SPAN_MS) return { unit: 'day', bucketMs: DAY_MS, startMs: Math.floor(firstMs / DAY_MS) * DAY_MS };
  return { unit: 'week', bucketMs: WEEK_MS, startMs: Math.floor((firstMs - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS };
}

/** Counts per (source, bucket) → one series per top source plus one for the rest. */
export function buildTimeline(
  counts: TimelineCount[],
  bucket: { unit: BucketUnit; bucketMs: number; startMs: number },
  undated: number,
  maxSeries = TIMELINE_MAX_SERIES,
): Timeline {
  // Buckets before the start (clock skew between story and article rows) fold into the first.
  const at = (c: TimelineCount) => Math.max(0, Math.floor(c.bucket));
  const buckets = counts.reduce((max, c) => Math.max(max, at(c) + 1), 0);
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.source, (totals.get(c.source) ?? 0) + c.count);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([source]) => source);
  // "Other" only when it stands for two or more sources; one source keeps its own name.
  const own = new Set(ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked);
  const series = new Map<string, { source: string; total: number; counts: number[] }>();
  for (const source of [...own, ...(ranked.length > own.size ? [OTHER_SOURCES] : [])]) {
    series.set(source, { source, total: 0, counts: new Array(buckets).fill(0) });
  }
  for (const c of counts) {
    const s = series.get(own.has(c.source) ? c.source : OTHER_SOURCES)!;
    s.counts[at(c)] += c.count;
    s.total += c.count;
  }
  return { ...bucket, buckets, series: [...series.values()], undated };
}

export interface CopyGraphNode extends ArticleBrief {
  inStory: boolean;
  firstReport: boolean;
}

export interface CopyGraphEdge {
  /** The article that reused text. */
  from: string;
  /** The article it reused text from. */
  to: string;
  kind: 'duplicate' | 'copy';
  share: number | null;
  spun: boolean;
}

export interface CopyGraph {
  nodes: CopyGraphNode[];
  edges: CopyGraphEdge[];
}

/** Copy sources drawn per article: the strongest ones say who it copied; the rest is noise on a graph. */
export const GRAPH_SOURCES_PER_ARTICLE = 2;

/**
 * Who copied whom among a story's articles: exact/near duplicates and (spun) copies, each
 * article's strongest sources (copiedFrom is ordered by share). Only articles on an edge are
 * nodes, plus the first report; sources outside the story are nodes with `inStory: false`
 * when known.
 */
export function buildCopyGraph(articles: StoryArticle[], firstReportId: string | null, outside: Map<string, ArticleBrief>): CopyGraph {
  const edges: CopyGraphEdge[] = [];
  for (const a of articles) {
    if (a.duplicateOf && a.duplicateOf !== a.id) edges.push({ from: a.id, to: a.duplicateOf, kind: 'duplicate', share: null, spun: false });
    for (const c of a.copiedFrom.slice(0, GRAPH_SOURCES_PER_ARTICLE)) if (c.id !== a.id) edges.push({ from: a.id, to: c.id, kind: 'copy', share: c.share, spun: c.spun });
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  const wanted = new Set(edges.flatMap((e) => [e.from, e.to]));
  if (firstReportId) wanted.add(firstReportId);
  const nodes: CopyGraphNode[] = [];
  for (const id of wanted) {
    const inside = byId.get(id);
    const brief = inside ?? outside.get(id);
    if (!brief) continue;
    nodes.push({
      id: brief.id,
      title: brief.title,
      source: brief.source,
      url: brief.url,
      publishedMs: brief.publishedMs,
      storyId: brief.storyId,
      inStory: inside !== undefined,
      firstReport: id === firstReportId,
    });
  }
  const known = new Set(nodes.map((n) => n.id));
  nodes.sort((a, b) => (a.publishedMs ?? Infinity) - (b.publishedMs ?? Infinity) || a.id.localeCompare(b.id));
  return { nodes, edges: edges.filter((e) => known.has(e.from) && known.has(e.to)) };
}

/** Ids referenced by copies that are not among the story's own articles. */
export function outsideCopySources(articles: StoryArticle[]): string[] {
  const inside = new Set(articles.map((a) => a.id));
  const out = new Set<string>();
  for (const a of articles) {
    if (a.duplicateOf && !inside.has(a.duplicateOf)) out.add(a.duplicateOf);
    for (const c of a.copiedFrom) if (!inside.has(c.id)) out.add(c.id);
  }
  return [...out];
}

export interface DateFacet {
  value: string | null;
  /** The most frequent surface form, e.g. "next week". */
  text: string;
  mentions: number;
  articles: number;
}

/**
 * Date mentions → the dates a story talks about, most widely mentioned first. Resolved dates
 * group by their TIMEX3 value; unresolved ones by what they say, case aside.
 */
export function rankDates(mentions: Array<{ article: number | string; value: string | null; text: string }>, cap = MAX_DATES): DateFacet[] {
  const groups = new Map<string, { value: string | null; mentions: number; articles: Set<number | string>; forms: Map<string, number> }>();
  for (const m of mentions) {
    const text = m.text.trim();
    const key = m.value ?? `text:${text.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { value: m.value, mentions: 0, articles: new Set(), forms: new Map() }));
    g.mentions++;
    g.articles.add(m.article);
    g.forms.set(text, (g.forms.get(text) ?? 0) + 1);
  }
  return [...groups.values()]
    .sort((a, b) => b.articles.size - a.articles.size || b.mentions - a.mentions)
    .slice(0, cap)
    .map((g) => ({
      value: g.value,
      text: [...g.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '',
      mentions: g.mentions,
      articles: g.articles.size,
    }));
}
