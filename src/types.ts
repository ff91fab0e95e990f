/**
 * Records that travel between pipeline stages (DESIGN.md "Data flow").
 * Each stage is a function from one of these to a richer one; I/O stays at the edges.
 */

/** Where a record came from, so every message can name it. */
export interface Origin {
  file?: string;
  /** 1-based line for line-oriented formats (JSONL, CSV). */
  line?: number;
  url?: string;
}

/** A problem with one record; travels with the record like a vfile message. */
export interface Message {
  level: 'error' | 'warning';
  reason: string;
  origin: Origin;
}

export function formatOrigin(origin: Origin): string {
  const where = origin.file ?? origin.url ?? '<input>';
  return origin.line !== undefined ? `${where}:${origin.line}` : where;
}

export function formatMessage(message: Message): string {
  return `${formatOrigin(message.origin)}: ${message.level}: ${message.reason}`;
}

/** DESIGN.md article input contract; every reader produces this shape. */
export interface ArticleInput {
  id?: string;
  url?: string;
  source?: string;
  title?: string;
  text?: string;
  html?: string;
  published?: string;
  language?: string;
}

/** One record as read, with its origin and the raw serialised form we keep. */
export interface RawRecord {
  input: ArticleInput;
  origin: Origin;
  /** The record exactly as read (a JSON line, a CSV row as JSON, the file text …). */
  raw: string;
  /**
   * Metadata from the container (feed item, WARC record) used only where the page itself
   * states none: a page's own publication date beats a feed date or a WARC capture time.
   */
  fallback?: { published?: string; title?: string };
}

/** A reader yields records and per-record errors; one bad record never stops the batch. */
export type ReadItem = { record: RawRecord } | { error: Message };

export type EntityType = 'PERSON' | 'ORG' | 'PLACE' | 'MISC';

/** UTF-16 offsets into the article text as ingested. */
export interface Span {
  start: number;
  end: number;
}

export interface BoilerplateSpan extends Span {
  kind: 'link-list' | 'template' | 'promo' | 'byline' | 'caption' | string;
}

export interface EntityMention extends Span {
  text: string;
  type: EntityType;
  canonical: string;
}

export interface PlaceMention extends Span {
  text: string;
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
}

export interface DateMention extends Span {
  text: string;
  /** TIMEX3-style value: 2019-04-16, 2019-04, 2019-W17, 2019, P3D, PRESENT_REF, a/b range. */
  value: string | null;
}

export interface Annotations {
  entities: EntityMention[];
  places: PlaceMention[];
  dates: DateMention[];
}
