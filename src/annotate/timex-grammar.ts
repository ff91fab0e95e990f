/**
 * The TIMEX3 grammar: one regular expression per kind of English temporal expression, each
 * with a resolver that turns the match into a TimeML value against the document creation
 * time (DCT). Extents follow the TimeML guidelines: determiners and modifiers ("the",
 * "last", "early", "about", "ago") are inside, prepositions ("on", "in", "since") are out.
 * Rules overlap freely; dates.ts keeps the longest match at each place.
 */
import type { TimexRule } from './timex-patterns.ts';
import {
  centuryRule,
  dayMonthRule,
  decadeRule,
  holidayRule,
  monthDayRule,
  monthRule,
  monthYearRule,
  numericDateRule,
  quarterRule,
  relativeQuarterRule,
  reportingYearRule,
  seasonRule,
  weekOfRule,
  yearAgoAdjectiveRule,
  yearEndRule,
  yearRule,
} from './timex-rules-calendar.ts';
import {
  clockRule,
  deicticDayRule,
  durationRule,
  referenceRule,
  relativeUnitRule,
  setRule,
  vagueSpanRule,
  weekdayRule,
} from './timex-rules-relative.ts';

export type { MatchContext, TimexHit, TimexRule, TimexType } from './timex-patterns.ts';

/**
 * What a text must contain (anywhere, any case) for a rule to have a chance: a literal that
 * every match of the rule includes. Scanning a text for a few literals is far cheaper than
 * running a rule's full expression, which V8 tries at every position (the lookbehind at
 * its front rules out a literal-prefix scan); most articles mention no season, holiday or
 * clock time, so most rules are skipped. A trigger may fire when the rule then finds
 * nothing, never the reverse: test/annotate/dates.test.ts checks that every rule's matches
 * on TimeBank-style text contain its trigger.
 */
const MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const UNIT = /second|minute|hour|day|night|week|month|quarter|year|decade|centur/i;
export const TIMEX_TRIGGERS: Readonly<Record<string, RegExp>> = {
  'month-day': MONTH,
  'day-month': MONTH,
  'numeric-date': /\d/,
  'month-year': MONTH,
  month: MONTH,
  year: /\d|nineteen|eighteen|thousand/i,
  decade: /\d|ties/i,
  century: /century/i,
  quarter: /quarter|half/i,
  'relative-quarter': /quarter|period/i,
  'relative-unit': /week|month|year|decade|century|quarter/i,
  'deictic-day': /today|yesterday|tomorrow|tonight|morning|afternoon|evening|night/i,
  weekday: /monday|tuesday|wednesday|thursday|friday|saturday|sunday/i,
  'clock-time': /\d|noon|midnight|midday/i,
  duration: UNIT,
  'vague-span': UNIT,
  season: /spring|summer|fall|autumn|winter/i,
  holiday: /christmas|new year|thanksgiving|easter|independence day|halloween|labor day|memorial day|election day|valentine|boxing day/i,
  set: /daily|weekly|monthly|yearly|hourly|nightly|every|each/i,
  reference: /now|current|present|moment|time being|these days|recent|lately|past|future|term|coming/i,
  'year-ago-adjective': /year-|-year/i,
  'year-end': /year(?:-| |'s )end/i,
  'reporting-year': /year/i,
  'week-of': /week of/i,
};

export const TIMEX_RULES: TimexRule[] = [
  monthDayRule,
  dayMonthRule,
  numericDateRule,
  monthYearRule,
  monthRule,
  yearRule,
  decadeRule,
  centuryRule,
  quarterRule,
  relativeQuarterRule,
  relativeUnitRule,
  deicticDayRule,
  weekdayRule,
  clockRule,
  durationRule,
  vagueSpanRule,
  seasonRule,
  holidayRule,
  setRule,
  referenceRule,
  yearAgoAdjectiveRule,
  yearEndRule,
  reportingYearRule,
  weekOfRule,
];
