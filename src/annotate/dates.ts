/**
 * Dates and times in text as TIMEX3 values. Our own grammar (timex-grammar.ts) finds and
 * normalises expressions against the publication date; chrono-node backs it up on the
 * stretches it left empty that still hold a date-like word, so chrono's cost is paid only
 * where there is something for it to find.
 */
import * as chrono from 'chrono-node';
import type { DateMention, Span } from '../types.ts';
import { formatDate, formatTime, parseIsoDate, type CivilDate } from './timex-calendar.ts';
import { TIMEX_RULES, TIMEX_TRIGGERS, type MatchContext, type TimexType } from './timex-grammar.ts';
import { guessTense, type Tense } from './timex-values.ts';

export interface DateOptions {
  /** Publication date (ISO 8601): the anchor for relative expressions. */
  published?: string | null;
  /** Spans to skip (boilerplate); mentions overlapping them are dropped. */
  mask?: Span[];
  /** Run chrono-node on uncovered date-like stretches (default true). */
  chronoFallback?: boolean;
}

export interface TimexMention extends DateMention {
  type: TimexType;
  rule: string;
}

/**
 * Every temporal expression in `text`, left to right, non-overlapping. Relative values
 * need `published`; without it they keep their text with value null.
 */
export function extractDates(text: string, options: DateOptions = {}): DateMention[] {
  return extractTimexes(text, options).map(({ start, end, text: t, value }) => ({ start, end, text: t, value }));
}

/** Like extractDates, with the TIMEX3 type and the rule that fired (for evaluation). */
export function extractTimexes(text: string, options: DateOptions = {}): TimexMention[] {
  const dct = parseIsoDate(options.published ?? null);
  const candidates: TimexMention[] = [];
  // Rules share triggers (four need a month name): test each trigger once per text.
  const triggered = new Map<RegExp, boolean>();
  for (const rule of TIMEX_RULES) {
    const trigger = TIMEX_TRIGGERS[rule.name];
    if (trigger) {
      let present = triggered.get(trigger);
      if (present === undefined) triggered.set(trigger, (present = trigger.test(text)));
      if (!present) continue;
    }
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      let tense: Tense | undefined;
      const ctx: MatchContext = {
        text,
        dct,
        tense: () => (tense ??= guessTense(text, start, end)),
      };
      const hit = rule.resolve(match, ctx);
      if (!hit) continue;
      const hitStart = hit.start ?? start;
      const hitEnd = hit.end ?? end;
      candidates.push({ start: hitStart, end: hitEnd, text: text.slice(hitStart, hitEnd), value: hit.value, type: hit.type, rule: rule.name });
    }
  }
  let chosen = chooseLongest(candidates);
  if (options.chronoFallback !== false) chosen = chooseLongest([...chosen, ...chronoFallback(text, chosen, dct)]);
  const trimmed = chosen.map(trimTrailingPunctuation);
  const mask = options.mask ?? [];
  return trimmed
    .filter((m) => !mask.some((s) => m.start < s.end && s.start < m.end))
    .sort((a, b) => a.start - b.start);
}

/** Longest first, then earliest: overlapping shorter readings lose. */
function chooseLongest(candidates: TimexMention[]): TimexMention[] {
  const ordered = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: TimexMention[] = [];
  for (const candidate of ordered) {
    if (taken.some((t) => candidate.start < t.end && t.start < candidate.end)) continue;
    taken.push(candidate);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** A sentence-final period after "a.m" belongs to the sentence unless it closes "a.m.". */
function trimTrailingPunctuation(mention: TimexMention): TimexMention {
  if (/[,;]$/.test(mention.text)) {
    return { ...mention, end: mention.end - 1, text: mention.text.slice(0, -1) };
  }
  return mention;
}

// ---------------------------------------------------------------------------------------
// chrono-node fallback

/** Words that make a stretch worth handing to chrono (ours missed something there). */
const DATE_TRIGGER = /\d{1,2}(?::\d\d|\/\d{1,2})|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)/gi;

/** A month name or a full numeric date: what makes chrono's reading trustworthy here. */
const CHRONO_ACCEPT = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/i;

function chronoFallback(text: string, chosen: TimexMention[], dct: CivilDate | null): TimexMention[] {
  const reference = dct ? new Date(Date.UTC(dct.y, dct.m - 1, dct.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  const out: TimexMention[] = [];
  for (const window of sentenceWindows(text)) {
    const slice = text.slice(window.start, window.end);
    // Only where a trigger lies outside what the grammar already found.
    let uncovered = false;
    for (const trigger of slice.matchAll(DATE_TRIGGER)) {
      const at = window.start + trigger.index;
      if (!chosen.some((c) => at >= c.start && at < c.end)) {
        uncovered = true;
        break;
      }
    }
    if (!uncovered) continue;
    let results: chrono.ParsedResult[];
    try {
      results = chrono.parse(slice, { instant: reference, timezone: 0 });
    } catch {
      continue;
    }
    for (const result of results) {
      const mention = chronoMention(result, window.start, dct);
      if (!mention) continue;
      if (chosen.some((c) => mention.start < c.end && c.start < mention.end)) continue;
      out.push(mention);
    }
  }
  return out;
}

function sentenceWindows(text: string): Span[] {
  const windows: Span[] = [];
  const boundary = /[.!?]\s+(?=[A-Z"“])|\n+/g;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end - start > 0) windows.push({ start, end });
    start = end;
  }
  if (start < text.length) windows.push({ start, end: text.length });
  return windows;
}

function chronoMention(result: chrono.ParsedResult, offset: number, dct: CivilDate | null): TimexMention | null {
  // chrono puts leading prepositions ("on", "at", "in") inside; TimeML leaves them out.
  const lead = /^(?:on|at|in|by|from|since|until|for|of)\s+/i.exec(result.text);
  const start = offset + result.index + (lead ? lead[0].length : 0);
  const text = lead ? result.text.slice(lead[0].length) : result.text;
  // Word-only expressions are ours to judge, and bare numbers ("1/2", "6.44 a") are
  // fractions and prices far more often than dates: chrono must name a month or a year.
  if (!/\d/.test(text) || !CHRONO_ACCEPT.test(text)) return null;
  const value = chronoValue(result.start, dct !== null);
  const endValue = result.end ? chronoValue(result.end, dct !== null) : null;
  return {
    start,
    end: start + text.length,
    text,
    value: value && endValue ? `${value}/${endValue}` : value,
    type: result.start.isCertain('hour') ? 'TIME' : 'DATE',
    rule: 'chrono',
  };
}

function chronoValue(component: chrono.ParsedComponents, haveReference: boolean): string | null {
  const certainYear = component.isCertain('year');
  if (!certainYear && !haveReference) return null;
  const date = { y: component.get('year')!, m: component.get('month')!, d: component.get('day')! };
  const hasDay = component.isCertain('day') || component.isCertain('weekday');
  if (component.isCertain('hour')) return formatTime(date, component.get('hour')!, component.get('minute') ?? 0);
  if (hasDay) return formatDate(date);
  if (component.isCertain('month')) return `${date.y}-${String(date.m).padStart(2, '0')}`;
  return String(date.y);
}
