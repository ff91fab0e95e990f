/**
 * The reference we measure against: plain `@mozilla/readability` on linkedom with
 * block-aware text (paragraphs from block elements, as our extractor builds them), no
 * prestrip, no filters, default options. Used by the benchmark and `storyline eval
 * extraction --baseline`.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { blockText, type TextNodeLike } from '../block-text.ts';

export function readabilityBaselineText(html: string): string {
  const { document } = parseHTML(html);
  const reader = new Readability<Node>(document as unknown as Document, { serializer: (node: Node) => node });
  const result = reader.parse();
  return result?.content ? blockText(result.content as unknown as TextNodeLike) : '';
}
