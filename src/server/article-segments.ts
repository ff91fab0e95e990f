/**
 * An article's text as a sequence of marked segments: plain text, boilerplate (kept out of
 * the analysis) and passages reused from another article. Offsets are UTF-16 indices into the
 * text as ingested, like the spans they come from; clients slice the text with them, so the
 * text itself is never turned into markup.
 */
import type { CopySource } from '../store/types.ts';
import type { BoilerplateSpan } from '../types.ts';

export interface TextSegment {
  start: number;
  end: number;
  kind: 'text' | 'boilerplate' | 'copied';
  /** For boilerplate: what it is (link-list, template, …). */
  boilerplateKind?: string;
  /** For copied passages: where the passage comes from. */
  copy?: { articleId: string; sourceStart: number; sourceEnd: number; share: number; spun: boolean };
}

interface Mark {
  start: number;
  end: number;
  /** Lower wins where marks overlap: boilerplate over copies, larger copies over smaller. */
  rank: number;
  segment: Omit<TextSegment, 'start' | 'end'>;
}

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(n)));
}

export function segmentText(textLength: number, boilerplate: BoilerplateSpan[], copies: CopySource[]): TextSegment[] {
  const markList: Mark[] = [];
  for (const span of boilerplate) {
    markList.push({ start: span.start, end: span.end, rank: 0, segment: { kind: 'boilerplate', boilerplateKind: span.kind } });
  }
  const bySize = [...copies].sort((a, b) => b.share - a.share);
  bySize.forEach((copy, index) => {
    for (const p of copy.passages ?? []) {
      markList.push({
        start: p.start,
        end: p.end,
        rank: 1 + index,
        segment: { kind: 'copied', copy: { articleId: copy.id, sourceStart: p.sourceStart, sourceEnd: p.sourceEnd, share: copy.share, spun: copy.spun } },
      });
    }
  });
  const valid = markList
    .map((m) => ({ ...m, start: clamp(m.start, textLength), end: clamp(m.end, textLength) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, textLength]);
  for (const m of valid) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);

  const out: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    let best: Mark | null = null;
    for (const m of valid) if (m.start <= start && m.end >= end && (!best || m.rank < best.rank)) best = m;
    const segment: TextSegment = best ? { start, end, ...best.segment } : { start, end, kind: 'text' };
    const last = out[out.length - 1];
    if (last && sameMark(last, segment)) last.end = end;
    else out.push(segment);
  }
  return out;
}

function sameMark(a: TextSegment, b: TextSegment): boolean {
  return a.kind === b.kind && a.boilerplateKind === b.boilerplateKind && a.copy?.articleId === b.copy?.articleId && a.copy?.sourceStart === b.copy?.sourceStart;
}

/** The text without its boilerplate: what the analysis saw, with paragraph breaks kept tidy. */
export function cleanText(text: string, boilerplate: BoilerplateSpan[]): string {
  let out = '';
  let at = 0;
  for (const span of [...boilerplate].sort((a, b) => a.start - b.start)) {
    const start = clamp(span.start, text.length);
    const end = clamp(span.end, text.length);
    if (end <= at) continue;
    out += text.slice(at, Math.max(at, start));
    at = end;
  }
  out += text.slice(at);
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
