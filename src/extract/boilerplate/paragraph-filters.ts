/**
 * Text-level filters on the paragraphs built from the cleaned article element: lines
 * that are furniture by what they say (see phrases.ts), the headline repeated as the
 * first block, and the byline. Working on lines (a paragraph may hold <br>-separated
 * lines) catches furniture that is loose text in a container rather than an element of
 * its own.
 */
import { furnitureKind, isBylineLine, normaliseForCompare, type FurnitureKind } from './phrases.ts';

export interface ParagraphContext {
  title: string | null;
  byline: string | null;
  /** Rules to run (all by default); for ablation studies. */
  rules?: Partial<Record<RemovedLine['rule'], boolean>>;
}

export interface RemovedLine {
  rule: FurnitureKind | 'title' | 'byline';
  text: string;
}

/** Longer lines are never titles, bylines or furniture (30 words of furniture ≈ 250 chars). */
const MAX_CANDIDATE_CHARS = 400;

/** Title variants worth comparing: the whole <title> and its part before " | Site". */
function titleVariants(title: string | null): Set<string> {
  const variants = new Set<string>();
  if (!title) return variants;
  variants.add(normaliseForCompare(title));
  for (const part of title.split(/\s[|\-–—:·»]\s/)) {
    const normalised = normaliseForCompare(part);
    if (normalised.split(' ').length >= 3) variants.add(normalised);
  }
  return variants;
}

export function filterParagraphs(paragraphs: string[], context: ParagraphContext): { kept: string[]; removed: RemovedLine[] } {
  const kept: string[] = [];
  const removed: RemovedLine[] = [];
  const enabled = (rule: RemovedLine['rule']): boolean => context.rules?.[rule] ?? true;
  const titles = titleVariants(context.title);
  let titleSeen = false;
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n');
    const keptLines: string[] = [];
    for (const line of lines) {
      // Titles, bylines and furniture lines are short; body text goes straight through.
      if (line.length > MAX_CANDIDATE_CHARS) {
        keptLines.push(line);
        continue;
      }
      const normalised = normaliseForCompare(line);
      if (!titleSeen && enabled('title') && titles.has(normalised)) {
        titleSeen = true;
        removed.push({ rule: 'title', text: line });
        continue;
      }
      if (enabled('byline') && isBylineLine(line, context.byline)) {
        removed.push({ rule: 'byline', text: line });
        continue;
      }
      const kind = furnitureKind(line);
      if (kind !== null && enabled(kind)) {
        removed.push({ rule: kind, text: line });
        continue;
      }
      keptLines.push(line);
    }
    if (keptLines.length > 0) kept.push(keptLines.join('\n'));
  }
  return { kept, removed };
}
