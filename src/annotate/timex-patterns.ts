/**
 * Building blocks shared by the TIMEX3 rules: the rule and match types, regex fragments
 * (no capture groups) and small parsers for the words they capture.
 */
import { addDays, formatDate, isValidDate, weekdayRelative, type CivilDate } from './timex-calendar.ts';
import { DAY_ORDINAL_WORDS, MONTHS, SPOKEN_YEAR_RE, UNITS, WEEKDAYS, parseSpokenYear, type UnitInfo } from './timex-lexicon.ts';
import type { Tense } from './timex-values.ts';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimexHit {
  value: string | null;
  type: TimexType;
  /** Narrower extent than the whole match, when the resolver drops a part of it. */
  start?: number;
  end?: number;
}

export interface MatchContext {
  text: string;
  dct: CivilDate | null;
  /** Lazily computed tense of the sentence around the match. */
  tense(): Tense;
}

export interface TimexRule {
  name: string;
  pattern: RegExp;
  resolve(match: RegExpExecArray, ctx: MatchContext): TimexHit | null;
}

// Shared fragments (named groups are added per rule; these have no captures).

export const YEAR_DIGITS_RE = '(?:1[5-9]\\d\\d|20\\d\\d)';
export const YEAR_RE = `(?:${YEAR_DIGITS_RE}|${SPOKEN_YEAR_RE})`;
export const DAY_RE = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
export const DAY_WORD_RE = `(?:${Object.keys(DAY_ORDINAL_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
export const EDGE_RE = '(?:early|late|mid|the (?:end|beginning|start|middle|close|rest|remainder|first half|second half) of|(?:the )?(?:first|last) (?:half|part) of)';
export const APPROX_RE =
  '(?:about|around|approximately|roughly|nearly|almost|more than|less than|fewer than|over|under|at least|at most|up to|no more than|no less than|some|just|only|within|barely|a full|a further|another|an additional|an extra|at|by)';
export const REL_RE = '(?:this past|this coming|last|next|this|past|coming|previous|following|the previous|the following|the past|the coming)';

/** Wrap a fragment so it only matches whole words. */
export function words(source: string, flags = 'gi'): RegExp {
  return new RegExp(`(?<![\\w'$-])(?:${source})(?![\\w]|-\\d)`, flags);
}

export function lower(s: string | undefined): string {
  return (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function monthNumber(raw: string): number {
  return MONTHS[lower(raw).replace(/\.$/, '')];
}

export function weekdayNumber(raw: string): number {
  return WEEKDAYS[lower(raw).replace(/'s$/, '')];
}

export function yearNumber(raw: string): number | null {
  const text = lower(raw);
  if (/^\d{4}$/.test(text)) return Number(text);
  return parseSpokenYear(text);
}

export function dayNumber(raw: string): number {
  const text = lower(raw);
  if (text in DAY_ORDINAL_WORDS) return DAY_ORDINAL_WORDS[text];
  return parseInt(text, 10);
}

/** "may" and "march" are months only when written as names (capitalised) in mixed-case text. */
export function looksLikeMonthName(raw: string, text: string): boolean {
  const word = lower(raw);
  if (word !== 'may' && word !== 'march') return true;
  if (text === text.toLowerCase()) return false;
  return raw[0] === raw[0].toUpperCase();
}

export function relativeStep(rel: string): number {
  if (/last|past|previous/.test(rel)) return -1;
  if (/next|coming|following/.test(rel)) return 1;
  return 0;
}

/** A weekday against the DCT: "last"/"next" force a direction, otherwise the tense does. */
export function resolveWeekday(dct: CivilDate, weekday: number, rel: string, tense: Tense): CivilDate {
  const step = relativeStep(rel);
  if (step < 0) {
    const candidate = weekdayRelative(dct, weekday, -1);
    return candidate.d === dct.d && candidate.m === dct.m ? addDays(candidate, -7) : candidate;
  }
  if (step > 0) {
    const candidate = weekdayRelative(dct, weekday, 1);
    return candidate.d === dct.d && candidate.m === dct.m ? addDays(candidate, 7) : candidate;
  }
  return weekdayRelative(dct, weekday, tense === 'future' ? 1 : -1);
}

export function unitOf(raw: string): UnitInfo {
  const key = lower(raw).replace(/s$/, '').replace(/^centurie$/, 'century');
  return UNITS[key] ?? UNITS[key.replace(/ie$/, 'y')];
}

export function dateValue(date: CivilDate | null): string | null {
  return date && isValidDate(date) ? formatDate(date) : null;
}

