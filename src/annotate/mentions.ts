/**
 * Mention repair between the tagger and the linker. Taggers cut names at the seams our
 * inputs have (lowercased scrapes, romanised names): "kim jong" + "un", "Kim Jong" + "-un",
 * and miss "mr kim" in caseless text. These repairs use only the article's own mentions.
 */
import type { TaggedSpan } from './link.ts';
import { nameTokens } from './link.ts';

/** Honorifics that put a person's name right after them. */
const HONORIFIC = /\b(?:mr|mrs|ms|dr|prof|president|premier|chancellor|senator|sen|gen|general|prime minister|king|queen|prince|pope|sheikh|ayatollah)\.?\s+([A-Za-z][A-Za-z'’-]*)/gi;

/** Short romanised syllables a name may end with ("un", "in", "son"): at most this long. */
const MAX_TRAILING_SYLLABLE = 3;

export function repairMentions(text: string, tagged: TaggedSpan[]): TaggedSpan[] {
  const sorted = [...tagged].sort((a, b) => a.start - b.start);
  const out: TaggedSpan[] = [];
  for (const mention of sorted) {
    let current = { ...mention };
    if (current.type === 'PERSON') {
      // "Kim Jong" followed by "-un": the tagger stopped at the hyphen.
      const tail = /^-[A-Za-z]{1,5}\b/.exec(text.slice(current.end, current.end + 8));
      if (tail) current = { ...current, end: current.end + tail[0].length, text: text.slice(current.start, current.end + tail[0].length) };
    }
    const previous = out[out.length - 1];
    if (
      previous &&
      previous.type === 'PERSON' &&
      current.start >= previous.end &&
      /^[ -]$/.test(text.slice(previous.end, current.start)) &&
      !/\s/.test(current.text) &&
      current.text.length <= MAX_TRAILING_SYLLABLE
    ) {
      // "kim jong" + "un" (tagged as another entity): one name.
      out[out.length - 1] = { ...previous, end: current.end, text: text.slice(previous.start, current.end) };
      continue;
    }
    if (previous && current.start < previous.end) continue; // overlapping after an extension
    out.push(current);
  }
  return addHonorificMentions(text, out);
}

/** "mr kim" untagged: a title followed by a token of a person the article names. */
function addHonorificMentions(text: string, mentions: TaggedSpan[]): TaggedSpan[] {
  const personTokens = new Set<string>();
  for (const m of mentions) if (m.type === 'PERSON') for (const t of nameTokens(m.text)) personTokens.add(t);
  if (personTokens.size === 0) return mentions;
  const added: TaggedSpan[] = [];
  for (const match of text.matchAll(HONORIFIC)) {
    const name = match[1].replace(/['’]s$/i, '');
    const token = nameTokens(name)[0];
    if (!token || !personTokens.has(token)) continue;
    const start = match.index;
    const end = start + match[0].length - (match[1].length - name.length);
    if (mentions.some((m) => m.start < end && start < m.end)) continue;
    added.push({ start, end, text: text.slice(start, end), type: 'PERSON' });
  }
  return added.length ? [...mentions, ...added].sort((a, b) => a.start - b.start) : mentions;
}
