/**
 * Plain text files. The first line is the title when it looks like one: short, no sentence
 * punctuation at the end, followed by more text. Otherwise the article has no title.
 */
import type { ArticleInput, ReadItem } from '../../types.ts';

/** A title is at most this many characters; a longer first line is body text. */
const MAX_TITLE_CHARS = 160;

export function splitTitle(text: string): { title: string | undefined; body: string } {
  const trimmed = text.replace(/^\s+/, '');
  const newline = trimmed.indexOf('\n');
  if (newline === -1) return { title: undefined, body: text };
  const first = trimmed.slice(0, newline).trim();
  const rest = trimmed.slice(newline + 1);
  const looksLikeTitle =
    first.length > 0 && first.length <= MAX_TITLE_CHARS && !/[.,;:]$/.test(first) && first.split(/\s+/).length >= 2 && rest.trim().length > first.length;
  return looksLikeTitle ? { title: first, body: rest.replace(/^\s+/, '') } : { title: undefined, body: text };
}

export function readTextDocument(text: string, file: string, source?: string): ReadItem {
  const { title, body } = splitTitle(text);
  const input: ArticleInput = { text: body };
  if (title) input.title = title;
  if (source) input.source = source;
  return { record: { input, origin: { file }, raw: text } };
}
