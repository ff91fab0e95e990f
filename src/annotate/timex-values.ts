/**
 * TIMEX3 value building: durations (P3D, PT2H, PXY), anchored points ("three weeks ago" at
 * week granularity), the tense guess that decides whether "Friday" is the last or the next
 * one. Pure functions over a document creation time (DCT).
 */
import {
  addDays,
  addMonths,
  formatDate,
  formatMonth,
  formatQuarter,
  formatWeek,
  formatYear,
  quarterOf,
  type CivilDate,
} from './timex-calendar.ts';
import type { UnitInfo } from './timex-lexicon.ts';

export type Tense = 'past' | 'future' | 'none';

/** P3D, PT2H, P2Y6M, PXY (unknown count), P1.5 written as its finer unit. */
export function durationValue(count: number | null, unit: UnitInfo): string {
  const timeUnit = unit.letter === 'H' || unit.letter === 'MIN' || unit.letter === 'S';
  const letter = unit.letter === 'MIN' ? 'M' : unit.letter;
  const prefix = timeUnit ? 'PT' : 'P';
  if (count === null) return `${prefix}X${letter}`;
  const total = count * unit.factor;
  if (Number.isInteger(total)) return `${prefix}${total}${letter}`;
  // Half units: "2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M; otherwise keep a decimal.
  const whole = Math.floor(total);
  const half = total - whole === 0.5;
  if (half && letter === 'Y') return `P${whole}Y6M`;
  if (half && unit.letter === 'H') return `PT${whole}H30M`;
  if (half && unit.letter === 'MIN') return `PT${whole}M30S`;
  if (half && letter === 'D') return `P${whole}DT12H`;
  return `${prefix}${total}${letter}`;
}

/** Move a date by a number of units; quarters are three months. */
export function shiftDate(date: CivilDate, unit: UnitInfo, amount: number): CivilDate {
  const steps = amount * unit.factor;
  switch (unit.granularity) {
    case 'year':
      return addMonths(date, Math.round(steps * 12));
    case 'quarter':
      return addMonths(date, Math.round(steps * 3));
    case 'month':
      return addMonths(date, Math.round(steps));
    case 'week':
      return addDays(date, Math.round(steps * 7));
    case 'day':
      return addDays(date, Math.round(steps));
    default:
      return addDays(date, Math.round(steps / (unit.granularity === 'hour' ? 24 : 1440)));
  }
}

/** A date written at the precision of a unit: year → 2019, decade → 201, week → 2019-W17. */
export function formatAtGranularity(date: CivilDate, unit: UnitInfo): string {
  if (unit.granularity === 'year') {
    if (unit.factor === 10) return formatYear(date.y).slice(0, 3);
    if (unit.factor === 100) return formatYear(date.y).slice(0, 2);
    return formatYear(date.y);
  }
  if (unit.granularity === 'quarter') return formatQuarter(date.y, quarterOf(date.m));
  if (unit.granularity === 'month') return formatMonth(date.y, date.m);
  if (unit.granularity === 'week') return formatWeek(date);
  return formatDate(date);
}

const FUTURE_MARKERS = new Set([
  'will', "'ll", 'shall', 'wo', "won't", 'gonna', 'upcoming', 'scheduled', 'planned', 'plans',
  'plan', 'expected', 'expects', 'expect', 'intends', 'due', 'until', 'till', 'next', 'tomorrow',
  'coming', 'begins', 'starts', 'would', 'aims', 'hopes', 'planning',
]);
const PAST_MARKERS = new Set([
  'said', 'was', 'were', 'had', 'did', 'ago', 'last', 'yesterday', 'earlier', 'reported',
  'announced', 'told', 'been', 'came', 'went', 'made', 'took', 'rose', 'fell', 'closed',
  'ended', 'added', 'gained', 'lost', 'dropped', 'met', 'held', 'began', 'left', 'saw',
]);

/**
 * Guess whether an expression at [start, end) is talked about as past or future: the
 * nearest tense marker before it in its sentence wins (HeidelTime does the same with POS
 * tags; a word list is enough for news prose and works on lowercased text). A bare "to"
 * counts only when it is an infinitive marker right before a verb-like word, which we
 * approximate as "to" followed by a word that is not a determiner or number.
 */
export function guessTense(text: string, start: number, end: number): Tense {
  const sentence = sentenceAround(text, start, end);
  const before = text.slice(sentence.start, start).toLowerCase();
  const after = text.slice(end, sentence.end).toLowerCase();
  const beforeWords = before.match(/[a-z']+/g) ?? [];
  for (let i = beforeWords.length - 1; i >= 0; i--) {
    const marker = tenseOfWord(beforeWords, i);
    if (marker !== 'none') return marker;
  }
  const afterWords = (after.match(/[a-z']+/g) ?? []).slice(0, 12);
  for (let i = 0; i < afterWords.length; i++) {
    const marker = tenseOfWord(afterWords, i);
    if (marker !== 'none') return marker;
  }
  return 'none';
}

/**
 * The sentence (at most 200 characters either side) around [start, end). Abbreviation
 * periods ("Oct. 5", "U.S.") end sentences here too; the window cap keeps that harmless.
 */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const from = Math.max(
    text.lastIndexOf('. ', start - 1),
    text.lastIndexOf('\n', start - 1),
    text.lastIndexOf('? ', start - 1),
    text.lastIndexOf('! ', start - 1),
  );
  const sentenceStart = Math.max(from + 1, start - 200);
  const tail = /[.!?](?:\s|$)|\n/.exec(text.slice(end, end + 200));
  const sentenceEnd = end + (tail ? tail.index : Math.min(200, text.length - end));
  return { start: sentenceStart, end: sentenceEnd };
}

function tenseOfWord(words: string[], i: number): Tense {
  const word = words[i];
  if (word === 'to') {
    const next = words[i + 1];
    // "is to meet", "plans to visit": a following bare verb; "to the", "to 5" are not.
    return next !== undefined && /^(meet|visit|hold|travel|attend|begin|start|open|close|vote|announce|release|sign|decide|take|make|hold|go|be|have|resume|report|return|launch|hear|rule|appear|testify|present|discuss)$/.test(next)
      ? 'future'
      : 'none';
  }
  if (word === 'going' || word === 'set') {
    return words[i + 1] === 'to' ? 'future' : 'none';
  }
  if (word === 'soon' || word === 'early') {
    // "as soon as Tuesday", "as early as next week"
    return words[i - 1] === 'as' ? 'future' : 'none';
  }
  if (FUTURE_MARKERS.has(word)) return 'future';
  if (PAST_MARKERS.has(word)) return 'past';
  if (/^[a-z]{3,}ed$/.test(word) && !/(need|speed|feed|seed|bed|red|shed|hundred|ted)$/.test(word)) return 'past';
  return 'none';
}

/**
 * Year for a month (and optional day) given without one: the occurrence nearest to the
 * DCT, except that the tense may veto a jump into the next year (past) or back into the
 * previous one (future). Measured on TimeBank/AQUAINT this beats both "always the DCT's
 * year" and tense-first rules, whose tense guesses are too noisy to lead.
 */
export function inferYear(dct: CivilDate, month: number, day: number | null, tense: Tense): number {
  const offsetOf = (yearOffset: number): number =>
    Math.abs(month + 12 * yearOffset - dct.m + ((day ?? 15) - dct.d) / 31);
  let best = 0;
  for (const candidate of [-1, 1]) {
    if (offsetOf(candidate) < offsetOf(best)) best = candidate;
  }
  if (tense === 'past' && best === 1) best = 0;
  if (tense === 'future' && best === -1) best = 0;
  return dct.y + best;
}
