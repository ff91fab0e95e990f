/**
 * Words of English temporal expressions: months, weekdays, units, number words, seasons,
 * parts of the day. Regex fragments are exported as source strings (no capture groups) so
 * the grammar in timex-grammar.ts can compose them; lookups normalise to lower case because
 * inputs may be lowercased or in capitals.
 */

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/** Full month names, and abbreviations that need a following day or year to count. */
export const MONTH_FULL_RE = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
export const MONTH_ANY_RE =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|' +
  '(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?)';

export const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4,
  thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
export const WEEKDAY_RE = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

/** TIMEX3 duration unit letters; decades and centuries are written in years. */
export interface UnitInfo {
  /** Letter in a P… value; time units are written after a T. */
  letter: 'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | 'S' | 'Q';
  /** Multiplier applied to the count (decade = 10 years). */
  factor: number;
  /** For anchored arithmetic ("three weeks ago"). */
  granularity: 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';
}

export const UNITS: Record<string, UnitInfo> = {
  second: { letter: 'S', factor: 1, granularity: 'second' },
  minute: { letter: 'MIN', factor: 1, granularity: 'minute' },
  hour: { letter: 'H', factor: 1, granularity: 'hour' },
  day: { letter: 'D', factor: 1, granularity: 'day' },
  night: { letter: 'D', factor: 1, granularity: 'day' },
  week: { letter: 'W', factor: 1, granularity: 'week' },
  fortnight: { letter: 'W', factor: 2, granularity: 'week' },
  month: { letter: 'M', factor: 1, granularity: 'month' },
  quarter: { letter: 'Q', factor: 1, granularity: 'quarter' },
  year: { letter: 'Y', factor: 1, granularity: 'year' },
  decade: { letter: 'Y', factor: 10, granularity: 'year' },
  century: { letter: 'Y', factor: 100, granularity: 'year' },
  centurie: { letter: 'Y', factor: 100, granularity: 'year' },
};
export const UNIT_RE = '(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))';

const SMALL_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SMALL_RE = Object.keys(SMALL_NUMBERS).sort((a, b) => b.length - a.length).join('|');
const TENS_RE = Object.keys(TENS).join('|');

/** "twenty-four", "24", "1 1/2", "a", "an", "a couple of", "several" … (no captures). */
export const NUMBER_WORD_RE = `(?:(?:${TENS_RE})(?:[- ](?:${SMALL_RE}))?|${SMALL_RE}|a hundred|one hundred|a thousand)`;
export const VAGUE_COUNT_RE = '(?:several|a few|few|many|some|a number of|numerous|the)';
export const COUNT_RE = `(?:\\d+(?:\\.\\d+)?(?: 1/2)?|(?:${NUMBER_WORD_RE}|a couple of|a couple)(?: and a half)?|an?)`;

/**
 * Numeric value of a count expression; null for vague counts ("several") which TIMEX3
 * writes as X. "a couple of" counts as 2, as TimeBank does.
 */
export function parseCount(raw: string): number | null {
  let text = raw.toLowerCase().trim().replace(/\s+/g, ' ');
  let extra = 0;
  if (/ and a half$/.test(text)) {
    extra = 0.5;
    text = text.replace(/ and a half$/, '');
  }
  if (/ 1\/2$/.test(text)) {
    extra = 0.5;
    text = text.replace(/ 1\/2$/, '');
  }
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) + extra;
  if (text === 'a' || text === 'an') return 1 + extra;
  if (text === 'a couple' || text === 'a couple of') return 2;
  if (text === 'a hundred' || text === 'one hundred') return 100;
  if (text === 'a thousand') return 1000;
  if (text in SMALL_NUMBERS) return SMALL_NUMBERS[text] + extra;
  const compound = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(text);
  if (compound && compound[1] in TENS) {
    const unit = compound[2] ? SMALL_NUMBERS[compound[2]] : 0;
    if (unit === undefined) return null;
    return TENS[compound[1]] + unit + extra;
  }
  return null;
}

/** Ordinals for quarters, halves and "the first N months" style expressions. */
export const ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4,
  fifth: 5, '5th': 5, sixth: 6, '6th': 6, seventh: 7, '7th': 7, eighth: 8, '8th': 8,
  ninth: 9, '9th': 9, tenth: 10, '10th': 10, last: 4, final: 4,
};

/** Day-of-month ordinals written as words ("March eighth"). */
export const DAY_ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8,
  ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14,
  fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
  twentieth: 20, 'twenty-first': 21, 'twenty-second': 22, 'twenty-third': 23,
  'twenty-fourth': 24, 'twenty-fifth': 25, 'twenty-sixth': 26, 'twenty-seventh': 27,
  'twenty-eighth': 28, 'twenty-ninth': 29, thirtieth: 30, 'thirty-first': 31,
};

export const SEASONS: Record<string, string> = {
  spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI',
};
export const SEASON_RE = '(?:spring|summer|fall|autumn|winter)';

/** TIMEX3 parts of the day. */
export const DAY_PARTS: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', tonight: 'NI',
};
export const DAY_PART_RE = '(?:morning|afternoon|evening|night)';

/** A single written-out year like "nineteen ninety-six" or "two thousand". */
export function parseSpokenYear(raw: string): number | null {
  const text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(?:the year )?two thousand$/.test(text)) return 2000;
  const twoK = /^two thousand (?:and )?(.+)$/.exec(text);
  if (twoK) {
    const rest = parseCount(twoK[1]);
    return rest !== null && rest < 100 ? 2000 + rest : null;
  }
  const century = /^(nineteen|eighteen|twenty) (.+)$/.exec(text);
  if (!century) return null;
  const hundreds = SMALL_NUMBERS[century[1]] ?? TENS[century[1]];
  const rest = parseCount(century[2]);
  if (hundreds === undefined || rest === null || rest < 10 || rest > 99) return null;
  return hundreds * 100 + rest;
}
export const SPOKEN_YEAR_RE = `(?:(?:nineteen|eighteen) (?:${TENS_RE})(?:[- ](?:${SMALL_RE}))?|(?:nineteen|eighteen) (?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?: (?:and )?(?:${SMALL_RE}|(?:${TENS_RE})(?:[- ](?:${SMALL_RE}))?))?)`;
