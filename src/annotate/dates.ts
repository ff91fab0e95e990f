/**
 * Dates and times in text as TIMEX3 values. Our own grammar (timex-grammar.ts) finds and
 * normalises expressions against the publication date; chrono-node backs it up on the
 * stretches it left empty that still hold a date-like word, so chrono's cost is paid only
 * where there is something for it to find.
 */
import * as chrono from 'chrono-node';
import type { DateMention, Span } from '../types.ts';
import { formatDate, formatTime, parseIsoDate, type CivilDate } from './timex-calendar.ts';
import { TIMEX_RULES, TIMEX_TRIGGERS, type MatchContext, type TimexRule, type TimexType } from './timex-grammar.ts';
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
  for (const { rule, match } of ruleMatches(text)) {
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
  let chosen = chooseLongest(candidates);
  if (options.chronoFallback !== false) chosen = chooseLongest([...chosen, ...chronoFallback(text, chosen, dct)]);
  const trimmed = chosen.map(trimTrailingPunctuation);
  const mask = options.mask ?? [];
  return trimmed
    .filter((m) => !mask.some((s) => m.start < s.end && s.start < m.end))
    .sort((a, b) => a.start - b.start);
}

/** A stretch of whole lines: from a line's start to the line break ending a line (or the text's end). */
interface LineRange {
  start: number;
  end: number;
}

/** Global copies of the triggers, to find every line holding one. */
const globalTriggers = new Map<RegExp, RegExp>();

/**
 * The lines of `text` holding a match of `trigger`, adjacent lines merged. A rule runs over
 * these only: no rule matches across a line break (their patterns spell spaces out; the
 * test checks that no pattern can match one) and every match contains the rule's trigger
 * (tested too), so a match outside these lines cannot exist. Most of a news text's
 * paragraphs hold no month, clock time or season, and each rule's expression costs a
 * few nanoseconds per character it is tried at.
 */
function linesHolding(text: string, trigger: RegExp): LineRange[] {
  let global = globalTriggers.get(trigger);
  if (!global) globalTriggers.set(trigger, (global = new RegExp(trigger.source, trigger.flags.replace('g', '') + 'g')));
  const ranges: LineRange[] = [];
  global.lastIndex = 0;
  for (let hit = global.exec(text); hit !== null; hit = global.exec(text)) {
    const lineStart = text.lastIndexOf('\n', hit.index - 1) + 1;
    let lineEnd = text.indexOf('\n', hit.index);
    if (lineEnd < 0) lineEnd = text.length;
    const last = ranges[ranges.length - 1];
    if (last && last.end + 1 >= lineStart) last.end = lineEnd;
    else ranges.push({ start: lineStart, end: lineEnd });
    // The rest of this line is in already.
    global.lastIndex = lineEnd;
    if (lineEnd === text.length) break;
  }
  return ranges;
}

/**
 * Every match of every rule in `text`, rule by rule, each rule's in text order; `match.index`
 * is an offset into `text`. The same matches as each rule's expression run over the whole
 * text (test/annotate/dates.test.ts), found by running it over its triggers' lines only.
 */
export function* ruleMatches(text: string): Generator<{ rule: TimexRule; match: RegExpExecArray }> {
  // Rules share triggers (four need a month name): find each trigger's lines once per text.
  const triggeredLines = new Map<RegExp, LineRange[]>();
  for (const rule of TIMEX_RULES) {
    const trigger = TIMEX_TRIGGERS[rule.name];
    let ranges: LineRange[] = [{ start: 0, end: text.length }];
    if (trigger) {
      ranges = triggeredLines.get(trigger) ?? linesHolding(text, trigger);
      triggeredLines.set(trigger, ranges);
    }
    for (const range of ranges) {
      // The lines alone, as their own string: the expression then scans only them. The
      // character before a line is a line break or nothing and the one after it a line break
      // or nothing, which every pattern's look-arounds treat alike, so the matches are those
      // of the whole text.
      const lines = range.start === 0 && range.end === text.length ? text : text.slice(range.start, range.end);
      // exec on the rule's own (global) expression: matchAll would clone it for every range.
      const pattern = rule.pattern;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(lines); match !== null; match = pattern.exec(lines)) {
        if (match[0].length === 0) pattern.lastIndex++;
        if (range.start !== 0) shiftMatch(match, range.start);
        yield { rule, match };
      }
    }
  }
}

/** Makes a match found in a part of a text starting at `offset` one found in the text. */
function shiftMatch(match: RegExpExecArray, offset: number): void {
  match.index += offset;
  // Group indices (the `d` flag): the named groups' pairs are the numbered ones, shifted once.
  const indices = match.indices;
  if (!indices) return;
  const shifted = new Set<[number, number]>();
  const shift = (pair: [number, number] | undefined) => {
    if (!pair || shifted.has(pair)) return;
    pair[0] += offset;
    pair[1] += offset;
    shifted.add(pair);
  };
  for (const pair of indices) shift(pair);
  for (const pair of Object.values(indices.groups ?? {})) shift(pair);
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
