/** FTS5 helpers: user text to a safe query, snippets with markers to plain-text parts. */

/** Snippet markers: control characters that never occur in stored text, split out before returning. */
export const MATCH_OPEN = '\u0002';
export const MATCH_CLOSE = '\u0003';

/** User text → an FTS5 query of quoted terms (all required): never FTS syntax, never SQL. */
export function ftsMatchExpression(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length === 0) return null;
  return terms
    .slice(0, 16)
    .map((t) => `"${t}"`)
    .join(' ');
}

/** Splits an FTS5 snippet with our markers into plain parts. */
export function splitSnippet(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let match = false;
  let current = '';
  for (const ch of snippet) {
    if (ch === MATCH_OPEN || ch === MATCH_CLOSE) {
      if (current) parts.push({ text: current, match });
      current = '';
      match = ch === MATCH_OPEN;
    } else current += ch;
  }
  if (current) parts.push({ text: current, match });
  return parts;
}
