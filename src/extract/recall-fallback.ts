/**
 * When Readability finds too little (nothing, or a fragment), we look for the text
 * another way rather than return a stub: the publisher's own `articleBody` from JSON-LD,
 * and the largest cluster of prose paragraphs under one parent in a fresh parse of the
 * page. The longest candidate that clearly beats what we have wins.
 */
import { parseHTML } from 'linkedom';
import { blockParagraphs, type TextNodeLike } from './block-text.ts';
import { linkDensity, textLength } from './boilerplate/dom-filters.ts';
import { wordCount } from './boilerplate/phrases.ts';

/** Extracted text shorter than this (characters) triggers the fallback. */
export const FALLBACK_BELOW_CHARS = 250;
/** A fallback must be at least this many times longer than what we have to replace it. */
const MIN_GAIN = 2;
/** A paragraph counts towards a cluster when it has this many words and few links. */
const CLUSTER_MIN_WORDS = 8;
const CLUSTER_MAX_LINK_DENSITY = 0.33;

export interface FallbackResult {
  paragraphs: string[];
  source: 'json-ld-body' | 'paragraph-cluster';
}

/** Paragraphs of the parent element holding the most prose text in `html`. */
export function largestParagraphCluster(html: string): string[] {
  const { document } = parseHTML(html);
  const body = (document as unknown as Document).body;
  if (!body) return [];
  const totals = new Map<Element, number>();
  for (const paragraph of Array.from(body.querySelectorAll('p, pre, blockquote, li'))) {
    const text = paragraph.textContent ?? '';
    if (wordCount(text) < CLUSTER_MIN_WORDS || linkDensity(paragraph) > CLUSTER_MAX_LINK_DENSITY) continue;
    const parent = paragraph.parentElement;
    if (!parent) continue;
    totals.set(parent, (totals.get(parent) ?? 0) + textLength(paragraph));
  }
  let best: Element | null = null;
  let bestTotal = 0;
  for (const [parent, total] of totals) {
    if (total > bestTotal) {
      best = parent;
      bestTotal = total;
    }
  }
  return best ? blockParagraphs(best as unknown as TextNodeLike) : [];
}

/** JSON-LD articleBody split into paragraphs (publishers separate them with newlines, if at all). */
export function jsonLdBodyParagraphs(body: string | null): string[] {
  if (!body) return [];
  return body
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

const totalLength = (paragraphs: string[]): number => paragraphs.reduce((sum, p) => sum + p.length, 0);

/**
 * A better text than `current` when `current` is short, or null. `strippedHtml` is
 * reparsed only when needed (Readability has already rearranged the first DOM).
 */
export function recallFallback(current: string[], strippedHtml: string, jsonLdBody: string | null, filter: (paragraphs: string[]) => string[]): FallbackResult | null {
  const currentLength = totalLength(current);
  if (currentLength >= FALLBACK_BELOW_CHARS) return null;
  const candidates: FallbackResult[] = [
    { paragraphs: filter(jsonLdBodyParagraphs(jsonLdBody)), source: 'json-ld-body' },
    { paragraphs: filter(largestParagraphCluster(strippedHtml)), source: 'paragraph-cluster' },
  ];
  let best: FallbackResult | null = null;
  for (const candidate of candidates) {
    const length = totalLength(candidate.paragraphs);
    if (length >= Math.max(MIN_GAIN * currentLength, FALLBACK_BELOW_CHARS / 2) && (!best || length > totalLength(best.paragraphs))) best = candidate;
  }
  return best;
}
