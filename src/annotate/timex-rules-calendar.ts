/**
 * TIMEX3 rules for calendar expressions: dates, months, years, decades, quarters, seasons,
 * holidays and the year-on-year phrases of company results. See timex-grammar.ts.
 */
import {
  addDays,
  easterSunday,
  formatDate,
  formatMonth,
  formatQuarter,
  formatWeek,
  formatYear,
  isValidDate,
  nthWeekdayOfMonth,
  quarterOf,
  type CivilDate,
} from './timex-calendar.ts';
import { MONTH_ANY_RE, MONTH_FULL_RE, ORDINALS, SEASONS, SEASON_RE, SPOKEN_YEAR_RE, WEEKDAY_RE } from './timex-lexicon.ts';
import {
  DAY_RE,
  DAY_WORD_RE,
  EDGE_RE,
  REL_RE,
  YEAR_DIGITS_RE,
  YEAR_RE,
  dateValue,
  dayNumber,
  looksLikeMonthName,
  lower,
  monthNumber,
  relativeStep,
  words,
  yearNumber,
  type MatchContext,
  type TimexRule,
} from './timex-patterns.ts';
import { inferYear, sentenceAround } from './timex-values.ts';

/** "Monday, April 25, 2019", "Aug. 7", "April 25-27", "March 19 to 25", "March eighth". */
export const monthDayRule: TimexRule = {
  name: 'month-day',
  pattern: words(
    `(?:(?<from>from|between) )?(?:(?<wd>${WEEKDAY_RE}),? )?(?<mon>${MONTH_ANY_RE}) ?(?<day>${DAY_RE}|${DAY_WORD_RE})` +
      `(?:(?<dash> ?[-–] ?| (?:to|through|until|and) )(?:(?<mon2>${MONTH_ANY_RE}) )?(?<day2>${DAY_RE})(?![\\d:,.]\\d))?` +
      `(?:,? (?<year>${YEAR_DIGITS_RE}))?(?!\\d)`,
    'gid', // group indices: a rejected range is cut back to its first date
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    // A month followed by a day number is a date even in lowercased text ("march 19"),
    // except "may" before a number that counts something ("may 5 people").
    if (lower(g.mon) === 'may' && !g.year && !looksLikeMonthName(g.mon, ctx.text) && /^\s+[a-z]/i.test(ctx.text.slice(m.index + m[0].length))) return null;
    // "April 25-27" is one range; "April 24 and 25", "Aug. 26 to Oct. 20" are two dates in
    // TimeML unless "from"/"between" makes the pair one expression.
    const single = (g.day2 && !g.from && !/[-–]/.test(g.dash ?? '')) || (g.from && !g.day2);
    if (single) {
      // Keep the first date alone: from the weekday or month to the end of its day.
      const first = m.indices!.groups!;
      const start = (first.wd ?? first.mon)![0];
      const end = (first.day)![1];
      const hit = monthDayRule.resolve(
        Object.assign([ctx.text.slice(start, end)], {
          index: start,
          input: ctx.text,
          groups: { wd: g.wd, mon: g.mon, day: g.day } as Record<string, string>,
        }) as unknown as RegExpExecArray,
        ctx,
      );
      return hit && { ...hit, start, end };
    }
    const month = monthNumber(g.mon);
    const day = dayNumber(g.day);
    let year = g.year ? Number(g.year) : null;
    if (year === null) {
      if (!ctx.dct) return { value: null, type: 'DATE' };
      year = inferYear(ctx.dct, month, day, ctx.tense());
    }
    const start = { y: year, m: month, d: day };
    if (!isValidDate(start)) return null;
    if (g.day2) {
      const month2 = g.mon2 ? monthNumber(g.mon2) : month;
      const end = { y: month2 < month ? year + 1 : year, m: month2, d: dayNumber(g.day2) };
      if (!isValidDate(end)) return { value: formatDate(start), type: 'DATE' };
      // "from"/"between" are signals in TimeML, outside the extent.
      const extentStart = g.from ? m.indices!.groups!.wd?.[0] ?? m.indices!.groups!.mon[0] : m.index;
      return { value: `${formatDate(start)}/${formatDate(end)}`, type: 'DATE', start: extentStart };
    }
    return { value: formatDate(start), type: 'DATE' };
  },
};

/** "25 April 2019", "the 25th of April". */
export const dayMonthRule: TimexRule = {
  name: 'day-month',
  pattern: words(
    `(?:the )?(?<day>${DAY_RE}|${DAY_WORD_RE}) (?:of )?(?<mon>${MONTH_ANY_RE})(?:,? (?<year>${YEAR_DIGITS_RE}))?(?!\\d)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    if (!looksLikeMonthName(g.mon, ctx.text) && !g.year) return null;
    // A bare number before a month ("5 May") needs the month to be a name, not "may".
    const month = monthNumber(g.mon);
    const day = dayNumber(g.day);
    let year = g.year ? Number(g.year) : null;
    if (year === null) {
      if (!ctx.dct) return { value: null, type: 'DATE' };
      year = inferYear(ctx.dct, month, day, ctx.tense());
    }
    return { value: dateValue({ y: year, m: month, d: day }), type: 'DATE' };
  },
};

/** ISO dates (2019-04-16) and US numeric dates (4/16/2019, 4/16/19). */
export const numericDateRule: TimexRule = {
  name: 'numeric-date',
  pattern: words(
    `(?<iy>${YEAR_DIGITS_RE})-(?<im>[01]\\d)-(?<id>[0-3]\\d)|(?<um>1[0-2]|0?[1-9])/(?<ud>[12]\\d|3[01]|0?[1-9])/(?<uy>\\d{4}|\\d{2})`,
  ),
  resolve(m) {
    const g = m.groups!;
    if (g.iy) return { value: dateValue({ y: Number(g.iy), m: Number(g.im), d: Number(g.id) }), type: 'DATE' };
    let y = Number(g.uy);
    if (g.uy.length === 2) y += y < 50 ? 2000 : 1900;
    return { value: dateValue({ y, m: Number(g.um), d: Number(g.ud) }), type: 'DATE' };
  },
};

/** "August 1998", "January of 1996", "early March 2019", "July last year". */
export const monthYearRule: TimexRule = {
  name: 'month-year',
  pattern: words(
    `(?:(?<edge>${EDGE_RE})[- ]?)?(?<mon>${MONTH_ANY_RE})(?:,? (?:of )?(?<year>${YEAR_RE})| (?<rel>last|this|next) year)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const month = monthNumber(g.mon);
    if (g.year) {
      const year = yearNumber(g.year);
      return year === null ? null : { value: formatMonth(year, month), type: 'DATE' };
    }
    if (!looksLikeMonthName(g.mon, ctx.text)) return null;
    if (!ctx.dct) return { value: null, type: 'DATE' };
    return { value: formatMonth(ctx.dct.y + relativeStep(g.rel), month), type: 'DATE' };
  },
};

/** "April", "last November", "early December", "the end of June". */
export const monthRule: TimexRule = {
  name: 'month',
  pattern: words(`(?:(?<edge>${EDGE_RE})[- ]?)?(?:(?<rel>${REL_RE}) )?(?<mon>${MONTH_FULL_RE}|sept\\.)`),
  resolve(m, ctx) {
    const g = m.groups!;
    if (!g.rel && !g.edge && !looksLikeMonthName(g.mon, ctx.text)) return null;
    if (!g.rel && !g.edge && (lower(g.mon) === 'may' || lower(g.mon) === 'march')) {
      // "May" starting a sentence is usually the modal verb.
      const before = ctx.text.slice(Math.max(0, m.index - 3), m.index);
      if (m.index === 0 || /[.!?"]\s*$|\n\s*$/.test(before)) return null;
    }
    if (!ctx.dct) return { value: null, type: 'DATE' };
    const month = monthNumber(g.mon);
    const rel = lower(g.rel);
    let year: number;
    if (relativeStep(rel) < 0) year = month < ctx.dct.m ? ctx.dct.y : ctx.dct.y - 1;
    else if (relativeStep(rel) > 0) year = month > ctx.dct.m ? ctx.dct.y : ctx.dct.y + 1;
    else year = inferYear(ctx.dct, month, null, ctx.tense());
    return { value: formatMonth(year, month), type: 'DATE' };
  },
};

/** "1998", "fiscal 1989", "mid-1996", "the end of 1994", "nineteen ninety-six". */
export const yearRule: TimexRule = {
  name: 'year',
  pattern: new RegExp(
    `(?<![\\w'$.,-])(?:(?<edge>${EDGE_RE})[- ]?|(?<fiscal>fiscal(?: year)?|calendar(?: year)?|the year|model year) )?(?<year>${YEAR_DIGITS_RE}|${SPOKEN_YEAR_RE})(?![\\w%]|[.,]\\d|-\\d|'s|/)`,
    'gi',
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const year = yearNumber(g.year);
    if (year === null) return null;
    // A bare four-digit number after a count word or before a unit is a quantity, not a year.
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (/^\s*(?:(?:[a-z]+\s+)?(?:people|shares|troops|jobs|units|feet|meters|metres|miles|tons|tonnes|dollars|employees|workers|votes|points|cars|homes|pounds|barrels|acres|members|percent)\b)/i.test(after)) {
      return null;
    }
    return { value: formatYear(year), type: 'DATE' };
  },
};

/** "the 1990s", "the mid-1980s", "the '90s", "the nineties". */
export const decadeRule: TimexRule = {
  name: 'decade',
  pattern: words(
    `(?:the )?(?:(?<edge>early|mid|late)[- ]?)?(?:(?<dec>1[5-9]\\d|20\\d)0'?s|'(?<short>\\d)0s|(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))`,
  ),
  resolve(m) {
    const g = m.groups!;
    if (g.dec) return { value: g.dec, type: 'DATE' };
    if (g.short) return { value: `19${g.short}`, type: 'DATE' };
    const index = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(lower(g.word));
    if (!/^the /i.test(m[0])) return null;
    return { value: `19${index + 2}`, type: 'DATE' };
  },
};

/** "the 20th century", "the 21st century". */
export const centuryRule: TimexRule = {
  name: 'century',
  pattern: words(`(?:the )?(?:(?<edge>early|mid|late)[- ]?)?(?<num>1\\d|2[01])(?:st|nd|rd|th) century`),
  resolve(m) {
    return { value: String(Number(m.groups!.num) - 1).padStart(2, '0'), type: 'DATE' };
  },
};

/** "the third quarter", "third-quarter", "the fiscal first quarter of 1990", "the first half". */
export const quarterRule: TimexRule = {
  name: 'quarter',
  pattern: words(
    `(?:(?<det>the|its|this year's|last year's|next year's|the year's|(?<ylead>${YEAR_DIGITS_RE})(?:'s)?) )?(?:(?:fiscal|calendar)[- ])?(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?<unit>quarter|half)(?:s?)(?:,? (?:of |in )?(?:fiscal |calendar )?(?<year>${YEAR_DIGITS_RE}))?`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const ord = ORDINALS[lower(g.ord)];
    const isHalf = lower(g.unit) === 'half';
    if (isHalf && ord > 2) return null;
    let year: number | null = g.year ? Number(g.year) : g.ylead ? Number(g.ylead) : null;
    const det = lower(g.det);
    if (year === null && ctx.dct) {
      year = ctx.dct.y + (det.startsWith('last') ? -1 : det.startsWith('next') ? 1 : 0);
      const dctQuarter = quarterOf(ctx.dct.m);
      const quarterIndex = isHalf ? (ord - 1) * 2 + 1 : ord;
      // A quarter not yet begun, spoken of in the past tense, is last year's.
      if (!det.includes('year') && quarterIndex > dctQuarter && ctx.tense() === 'past') year -= 1;
    }
    if (year === null) return { value: null, type: 'DATE' };
    return { value: isHalf ? `${formatYear(year)}-H${ord}` : formatQuarter(year, ord), type: 'DATE' };
  },
};

/** "the latest quarter", "this quarter", "the year-earlier quarter", "last quarter". */
export const relativeQuarterRule: TimexRule = {
  name: 'relative-quarter',
  pattern: words(
    `(?<det>the|this|its|last|next|that) (?:(?<year>${YEAR_DIGITS_RE}) )?(?:(?<which>latest|current|last|past|previous|prior|most recent|recent|same|year-earlier|year-ago|comparable|fiscal|just-ended|just-completed|next|coming|final)[- ])?(?:fiscal )?(?<unit>quarter|period)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const det = lower(g.det);
    const which = lower(g.which);
    if (lower(g.unit) === 'period' && !g.year && !/latest|year-earlier|year-ago|comparable|same/.test(which)) return null;
    if (!ctx.dct) return { value: null, type: 'DATE' };
    const dctQuarter = { y: ctx.dct.y, q: quarterOf(ctx.dct.m) };
    const previous = dctQuarter.q === 1 ? { y: dctQuarter.y - 1, q: 4 } : { y: dctQuarter.y, q: dctQuarter.q - 1 };
    const next = dctQuarter.q === 4 ? { y: dctQuarter.y + 1, q: 1 } : { y: dctQuarter.y, q: dctQuarter.q + 1 };
    let target = previous;
    if (g.year) return { value: formatQuarter(Number(g.year), previous.q), type: 'DATE' };
    if (det === 'this' && !which) target = dctQuarter;
    else if (which === 'current') target = dctQuarter;
    else if (det === 'next' || which === 'next' || which === 'coming') target = next;
    else if (/year-earlier|year-ago|comparable|same/.test(which)) target = { y: previous.y - 1, q: previous.q };
    // "the quarter" in news is the one being reported on: the last one completed.
    return { value: formatQuarter(target.y, target.q), type: 'DATE' };
  },
};

/** Seasons: "this summer", "last fall", "the winter of 1994", "spring 2019". */
export const seasonRule: TimexRule = {
  name: 'season',
  pattern: words(
    `(?:(?<edge>early|late|mid)[- ])?(?:(?<rel>this past|this coming|last|next|this|the past|the coming|the) )?(?<season>${SEASON_RE})(?:,? (?:of )?(?<year>${YEAR_RE}))?`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const code = SEASONS[lower(g.season)];
    const rel = lower(g.rel);
    if (!g.year && !rel) return null;
    if (!g.year && rel === 'the' && code === 'FA') return null; // "the fall of Rome"
    if (g.year) {
      const year = yearNumber(g.year);
      return year === null ? null : { value: `${formatYear(year)}-${code}`, type: 'DATE' };
    }
    if (!ctx.dct) return { value: null, type: 'DATE' };
    let year = ctx.dct.y;
    const step = relativeStep(rel);
    if (step < 0) year -= 1;
    if (step > 0) year += 1;
    if (rel.startsWith('this past')) year = ctx.dct.y;
    if (rel === 'the' && code === 'WI' && ctx.dct.m <= 2) year = ctx.dct.y - 1;
    return { value: `${formatYear(year)}-${code}`, type: 'DATE' };
  },
};

/** Fixed and computed holidays: Christmas, Thanksgiving, Easter, New Year's Day … */
export const holidayRule: TimexRule = {
  name: 'holiday',
  pattern: words(
    `(?:(?<rel>last|next|this) )?(?<name>christmas(?: day| eve)?|new year's(?: day| eve)|thanksgiving(?: day)?|easter(?: sunday| monday)?|independence day|halloween|labor day|memorial day|election day|valentine's day|boxing day)(?:,? (?<year>${YEAR_DIGITS_RE}))?`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const name = lower(g.name);
    let year = g.year ? Number(g.year) : ctx.dct?.y;
    if (year === undefined) return { value: null, type: 'DATE' };
    const step = relativeStep(lower(g.rel));
    year += step;
    const date = holidayDate(name, year);
    if (!date) return null;
    if (!g.year && !g.rel && ctx.dct && step === 0 && ctx.tense() === 'past' && date.m > ctx.dct.m + 1) {
      return { value: formatDate(holidayDate(name, year - 1)!), type: 'DATE' };
    }
    return { value: formatDate(date), type: 'DATE' };
  },
};

function holidayDate(name: string, y: number): CivilDate | null {
  if (name.startsWith('christmas eve')) return { y, m: 12, d: 24 };
  if (name.startsWith('christmas')) return { y, m: 12, d: 25 };
  if (name === "new year's eve") return { y, m: 12, d: 31 };
  if (name.startsWith('new year')) return { y, m: 1, d: 1 };
  if (name.startsWith('thanksgiving')) return nthWeekdayOfMonth(y, 11, 4, 4);
  if (name === 'easter monday') return addDays(easterSunday(y), 1);
  if (name.startsWith('easter')) return easterSunday(y);
  if (name === 'independence day') return { y, m: 7, d: 4 };
  if (name === 'halloween') return { y, m: 10, d: 31 };
  if (name === 'labor day') return nthWeekdayOfMonth(y, 9, 1, 1);
  if (name === 'memorial day') return nthWeekdayOfMonth(y, 5, 1, -1);
  if (name === 'election day') return addDays(nthWeekdayOfMonth(y, 11, 1, 1), 1);
  if (name === "valentine's day") return { y, m: 2, d: 14 };
  if (name === 'boxing day') return { y, m: 12, d: 26 };
  return null;
}

/** "year-earlier", "year-ago" used as adjectives refer to the same period a year back. */
export const yearAgoAdjectiveRule: TimexRule = {
  name: 'year-ago-adjective',
  pattern: words(`(?:the |a )?(?<adj>year-earlier|year-ago|prior-year|year-before)(?! (?:quarter|period))`),
  resolve(m, ctx) {
    if (!ctx.dct) return { value: null, type: 'DATE' };
    const quarter = quarterInSentence(ctx, m.index, m.index + m[0].length);
    if (quarter) return { value: formatQuarter(quarter.y - 1, quarter.q), type: 'DATE' };
    return { value: formatYear(ctx.dct.y - 1), type: 'DATE' };
  },
};

/**
 * "the year" in company results: "the year ended Sept. 30" is a twelve-month span, "for
 * the year"/"for the full year" the current year being reported on.
 */
export const reportingYearRule: TimexRule = {
  name: 'reporting-year',
  pattern: words(`(?<span>the (?:fiscal |full |latest fiscal )?year(?= end(?:ed|ing)\\b))|(?<=\\b(?:for|of) )(?<current>the (?:full |fiscal |full fiscal )?year)(?! (?:ago|earlier|before|end|-))`),
  resolve(m, ctx) {
    const g = m.groups!;
    if (g.span) return { value: 'P1Y', type: 'DURATION' };
    if (!ctx.dct) return { value: null, type: 'DATE' };
    return { value: formatYear(ctx.dct.y), type: 'DATE' };
  },
};

/** "year-end", "year's end": the end of the current year, written as the year. */
export const yearEndRule: TimexRule = {
  name: 'year-end',
  pattern: words(`(?:(?<approx>around|by|at) )?(?:(?<rel>last|next|this) )?(?:year-end|year's end|year end)`),
  resolve(m, ctx) {
    if (!ctx.dct) return { value: null, type: 'DATE' };
    return { value: formatYear(ctx.dct.y + relativeStep(lower(m.groups!.rel))), type: 'DATE' };
  },
};

/**
 * Year-on-year comparisons in a passage about a quarter ("profit rose from a year ago")
 * refer to that quarter a year back, not to the whole year: financial news' convention.
 * The passage is the sentence and the ~600 characters before it (earnings stories name the
 * quarter once, in the lead, then compare figure after figure); the latest mention wins.
 */
export function quarterInSentence(ctx: MatchContext, start: number, end: number): { y: number; q: number } | null {
  if (!ctx.dct) return null;
  const sentence = sentenceAround(ctx.text, start, end);
  const text = ctx.text.slice(Math.max(0, sentence.start - 600), sentence.end).toLowerCase();
  const mentions = [...text.matchAll(/\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter|(?:the|latest|this|most recent) quarter|quarterly)\b/g)];
  const last = mentions.at(-1);
  if (!last) return null;
  const dctQuarter = quarterOf(ctx.dct.m);
  if (last[1]) {
    const q = ORDINALS[last[1]];
    return { y: q > dctQuarter ? ctx.dct.y - 1 : ctx.dct.y, q };
  }
  return dctQuarter === 1 ? { y: ctx.dct.y - 1, q: 4 } : { y: ctx.dct.y, q: dctQuarter - 1 };
}

/** "the week of March 6". */
export const weekOfRule: TimexRule = {
  name: 'week-of',
  pattern: words(`the week of (?<mon>${MONTH_ANY_RE}) (?<day>${DAY_RE})(?:,? (?<year>${YEAR_DIGITS_RE}))?`),
  resolve(m, ctx) {
    const g = m.groups!;
    const month = monthNumber(g.mon);
    const day = dayNumber(g.day);
    const year = g.year ? Number(g.year) : ctx.dct ? inferYear(ctx.dct, month, day, ctx.tense()) : null;
    if (year === null) return { value: null, type: 'DATE' };
    const date = { y: year, m: month, d: day };
    return isValidDate(date) ? { value: formatWeek(date), type: 'DATE' } : null;
  },
};
