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
