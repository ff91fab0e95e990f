/**
 * Annotation entry point: entities (tagged by ./ner, linked by ./link), places (./places)
 * and dates (./dates) for one article's text. Synchronous once the models are loaded;
 * initAnnotators() loads them up front so the first article does not pay for it.
 */
import type { Annotations, EntityType, Span } from '../types.ts';
import { extractDates } from './dates.ts';
import { loadGazetteer } from './gazetteer.ts';
import { linkEntities, type TaggedSpan } from './link.ts';
import { repairMentions } from './mentions.ts';
import { defaultNerModel, tagEntities } from './ner/index.ts';
import { resolvePlaces } from './places.ts';

export interface AnnotateOptions {
  /** Publication date (ISO 8601), the anchor for relative dates. */
  published?: string | null;
  /** Boilerplate spans to skip: nothing inside them is annotated. */
  mask?: Span[];
  /**
   * The article's headline: its names help link the text's short mentions ("Putin" in a
   * text whose headline names "Vladimir Putin"); annotations stay offsets into `text`.
   */
  title?: string | null;
  /** Entity tagger; defaults to the shipped model (tests pass their own spans). */
  tagger?: (text: string) => TaggedSpan[];
  /** When given, CPU seconds spent in each stage are added to it (for --stats). */
  timings?: AnnotateTimings;
}

export interface AnnotateTimings {
  tagging: number;
  linking: number;
  places: number;
  dates: number;
}

export function emptyTimings(): AnnotateTimings {
  return { tagging: 0, linking: 0, places: 0, dates: 0 };
}

/** Run one stage, adding its CPU time to timings[stage] when timings are kept. */
function timed<T>(timings: AnnotateTimings | undefined, stage: keyof AnnotateTimings, run: () => T): T {
  if (!timings) return run();
  const started = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(started);
  timings[stage] += (used.user + used.system) / 1e6;
  return result;
}

/**
 * Load the tagger model and the gazetteer (both lazily cached) and run each stage once on
 * a sample, so regex compilation and chrono's first-call setup are not billed to the first
 * article.
 */
export async function initAnnotators(): Promise<void> {
  defaultNerModel();
  loadGazetteer();
  annotateText('Mr Kim met Vladimir Putin in Vladivostok on Thursday, April 25, 2019 at 10 a.m., a week ago.', {
    published: '2019-04-16',
  });
}

function overlapsAny(span: Span, mask: Span[]): boolean {
  return mask.some((m) => span.start < m.end && m.start < span.end);
}

/** Entities with canonical names, places with coordinates, dates with TIMEX3 values. */
export function annotateText(text: string, options: AnnotateOptions = {}): Annotations {
  const mask = options.mask ?? [];
  const tagger = options.tagger ?? tagEntities;
  const timings = options.timings;
  const raw = timed(timings, 'tagging', () => tagger(text));
  const tagged = timed(timings, 'linking', () => repairMentions(text, raw).filter((m) => !overlapsAny(m, mask)));
  const headline = options.title ? timed(timings, 'tagging', () => tagger(options.title!)) : [];
  const entities = timed(timings, 'linking', () => linkEntities(tagged, headline.filter((m) => m.type === 'PERSON' || m.type === 'ORG')));
  const places = timed(timings, 'places', () => resolvePlaces(text, tagged));
  // A place's canonical name is the gazetteer's ("U.S." → "United States").
  const placeNames = new Map(places.filter((p) => p.lat !== null).map((p) => [`${p.start}:${p.end}`, p.name]));
  for (const entity of entities) {
    const name = placeNames.get(`${entity.start}:${entity.end}`);
    if (name && entity.type === 'PLACE') entity.canonical = name;
  }
  const dates = timed(timings, 'dates', () => extractDates(text, { published: options.published ?? null, mask }));
  return { entities, places, dates };
}

export { canonicalKey, linkEntities } from './link.ts';
export { extractDates } from './dates.ts';
export { resolvePlaces } from './places.ts';
export type { EntityType };
