/**
 * The facet rows of one article (what search filters on): each canonical entity with its type,
 * each resolved place with its country, the first mention deciding the detail (what migration
 * v3's trigger wrote). Repeated mentions are left out here; case variants by the table's
 * NOCASE key.
 */
import type { Annotations } from '../types.ts';

export interface FacetRow {
  kind: 'entity' | 'place';
  key: string;
  detail: string | null;
}

export function facetRows(annotations: Annotations): FacetRow[] {
  const rows: FacetRow[] = [];
  const seen = new Set<string>();
  for (const entity of annotations.entities) {
    if (entity.canonical == null || seen.has(entity.canonical)) continue;
    seen.add(entity.canonical);
    rows.push({ kind: 'entity', key: entity.canonical, detail: entity.type ?? null });
  }
  seen.clear();
  for (const place of annotations.places) {
    if (place.name == null || seen.has(place.name)) continue;
    seen.add(place.name);
    rows.push({ kind: 'place', key: place.name, detail: place.country ?? null });
  }
  return rows;
}

/**
 * Annotations as a prepare worker posts them: the JSON the store writes and the facet rows,
 * instead of the object graph that the ingest thread rebuilt and then serialised to JSON
 * again. `npm run bench:fast-paths` on 10,000 bench articles: 42.5 → 16.4 µs per article on
 * the ingest thread, 18.5 → 45.4 µs on the worker — a move of work between the threads, not
 * a saving, so the thread that does it is the less busy one (PreparePool.rebalance).
 */
export interface SerialisedAnnotations {
  json: string;
  facets: FacetRow[];
}

export function serialiseAnnotations(annotations: Annotations): SerialisedAnnotations {
  return { json: JSON.stringify(annotations), facets: facetRows(annotations) };
}
