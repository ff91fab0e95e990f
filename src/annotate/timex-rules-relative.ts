/**
 * TIMEX3 rules for expressions read against the document time: "next week", "Friday",
 * "yesterday", clock times, durations and offsets ("three years ago"), references ("now"),
 * recurrences ("daily"). See timex-grammar.ts.
 */
import { addDays, formatDate, formatQuarter, formatTime, formatWeek, isValidDate, isoWeekday, quarterOf, type CivilDate } from './timex-calendar.ts';
import { COUNT_RE, DAY_PARTS, DAY_PART_RE, MONTH_ANY_RE, MONTH_FULL_RE, UNIT_RE, VAGUE_COUNT_RE, WEEKDAY_RE, parseCount } from './timex-lexicon.ts';
import {
  APPROX_RE,
  DAY_RE,
  EDGE_RE,
  dayNumber,
  lower,
  monthNumber,
  relativeStep,
  resolveWeekday,
  unitOf,
  weekdayNumber,
  words,
  type TimexRule,
} from './timex-patterns.ts';
import { quarterInSentence } from './timex-rules-calendar.ts';
import { durationValue, formatAtGranularity, inferYear, shiftDate } from './timex-values.ts';

/** "this week", "last month", "next year", "earlier this year", "the end of this month". */
export const relativeUnitRule: TimexRule = {
  name: 'relative-unit',
  pattern: words(
    `(?:(?<edge>${EDGE_RE}|earlier|later|late|early)[- ])?(?<rel>this past|this coming|last|next|this|the previous|the following|the current|the same|the prior|the coming|the last|the past|past|the)(?: (?<few>few|couple of))?(?: (?<fiscal>fiscal|calendar))? (?<unit>week|weekend|month|year|decade|century|quarter)(?![\\w-])`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const rel = lower(g.rel);
    const unitWord = lower(g.unit);
    const edge = lower(g.edge);
    if (g.few) return null;
    if (rel === 'the' && unitWord !== 'weekend') {
      // "the year"/"the month" alone are too vague; with an edge ("the end of the year") they mean the current one.
      if (!edge || !/of$/.test(edge)) return null;
    }
    const spanLike = rel === 'past' || ((rel === 'the past' || rel === 'the last') && (unitWord === 'decade' || unitWord === 'century'));
    if (spanLike && !edge) {
      // "the past decade", "past year": the stretch up to now. ("the past year" with the
      // article is TimeBank's previous calendar year, handled below.)
      if (unitWord === 'weekend') return null;
      return { value: durationValue(1, unitOf(unitWord)), type: 'DURATION' };
    }
    if (rel === 'the coming' && !edge) {
      return { value: durationValue(1, unitOf(unitWord === 'weekend' ? 'week' : unitWord)), type: 'DURATION' };
    }
    if (!ctx.dct) return { value: null, type: 'DATE' };
    let step = relativeStep(rel);
    if (rel === 'the same' || rel === 'the current' || rel === 'the') step = 0;
    if (rel === 'the prior') step = -1;
    if (unitWord === 'weekend') {
      const weekday = isoWeekday(ctx.dct);
      let anchor = step === 0 ? ctx.dct : addDays(ctx.dct, 7 * step);
      // "the weekend" on a weekday is the one just gone when told in the past tense.
      if (step === 0 && weekday < 6 && ctx.tense() === 'past') anchor = addDays(ctx.dct, -7);
      return { value: `${formatWeek(anchor)}-WE`, type: 'DATE' };
    }
    const unit = unitOf(unitWord);
    if (unitWord === 'quarter') {
      const shifted = shiftDate(ctx.dct, unit, step);
      return { value: formatQuarter(shifted.y, quarterOf(shifted.m)), type: 'DATE' };
    }
    return { value: formatAtGranularity(shiftDate(ctx.dct, unit, step), unit), type: 'DATE' };
  },
};

/** "today", "yesterday morning", "tomorrow", "tonight", "last night", "this morning". */
export const deicticDayRule: TimexRule = {
  name: 'deictic-day',
  pattern: words(
    `(?:(?<edge>early|late|later|earlier) )?(?:(?<day>today|yesterday|tomorrow|tonight)(?: (?<part>${DAY_PART_RE}))?|(?<rel>this|last|tomorrow|yesterday) (?<part2>${DAY_PART_RE}))|the day (?<around>before yesterday|after tomorrow)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    if (!ctx.dct) return { value: null, type: 'DATE' };
    const word = lower(g.day ?? g.rel);
    let offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
    if (g.around) offset = lower(g.around).startsWith('before') ? -2 : 2;
    const part = lower(g.part ?? g.part2);
    if (word === 'last') offset = -1;
    if (word === 'last' && part !== 'night') {
      // "last evening" etc.: yesterday's.
      offset = -1;
    }
    const date = addDays(ctx.dct, offset);
    if (word === 'tonight') return { value: `${formatDate(date)}TNI`, type: 'TIME' };
    if (part) return { value: `${formatDate(date)}T${DAY_PARTS[part]}`, type: 'TIME' };
    return { value: formatDate(date), type: 'DATE' };
  },
};

/** "Friday", "last Tuesday", "Wednesday night", "Friday's". */
export const weekdayRule: TimexRule = {
  name: 'weekday',
  pattern: words(
    `(?:(?<rel>this past|this coming|last|next|this|the previous|the following|early|late|earlier|later) )?(?<wd>${WEEKDAY_RE})(?:'s|(?: (?<part>${DAY_PART_RE})))?`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    if (!ctx.dct) return { value: null, type: 'DATE' };
    // "Wednesday's ruling": a possessive weekday names something that has happened.
    const tense = /'s$/i.test(m[0]) ? 'past' : ctx.tense();
    const date = resolveWeekday(ctx.dct, weekdayNumber(g.wd), lower(g.rel), tense);
    const part = lower(g.part);
    if (part) return { value: `${formatDate(date)}T${DAY_PARTS[part]}`, type: 'TIME' };
    return { value: formatDate(date), type: 'DATE' };
  },
};

/** "10:35 a.m.", "9 a.m. EST Tuesday", "noon Thursday", "midnight", "5 p.m. Nov. 9". */
export const clockRule: TimexRule = {
  name: 'clock-time',
  pattern: words(
    `(?:(?<approx>around|about|approximately|shortly after|shortly before|just after|just before) )?(?:(?<h>1[0-2]|0?\\d)(?:[:.](?<min>[0-5]\\d))? ?(?<ampm>a\\.m\\.?|p\\.m\\.?|am|pm)|(?<hh>[01]?\\d|2[0-3]):(?<mm>[0-5]\\d)(?: ?(?:h|hrs|hours))?|(?<noon>noon|midnight|midday))(?: (?<tz>[ECMP][SD]T|GMT|UTC))?(?:,? (?:(?:on )?(?<wd>${WEEKDAY_RE})|(?<dword>today|yesterday|tomorrow)|(?<mon>${MONTH_ANY_RE}) (?<day>${DAY_RE})))?`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    let hour: number;
    let minute: number | null = null;
    if (g.noon) {
      const word = lower(g.noon);
      hour = word === 'midnight' ? 24 : 12;
      minute = 0;
    } else if (g.hh) {
      hour = Number(g.hh);
      minute = Number(g.mm);
    } else {
      hour = Number(g.h) % 12;
      if (lower(g.ampm).startsWith('p')) hour += 12;
      minute = g.min ? Number(g.min) : 0;
    }
    if (!ctx.dct) return { value: null, type: 'TIME' };
    let date: CivilDate = ctx.dct;
    if (g.wd) date = resolveWeekday(ctx.dct, weekdayNumber(g.wd), '', ctx.tense());
    else if (g.dword) date = addDays(ctx.dct, lower(g.dword) === 'yesterday' ? -1 : lower(g.dword) === 'tomorrow' ? 1 : 0);
    else if (g.mon) {
      const month = monthNumber(g.mon);
      const day = dayNumber(g.day);
      date = { y: inferYear(ctx.dct, month, day, ctx.tense()), m: month, d: day };
    }
    if (!isValidDate(date)) return null;
    return { value: formatTime(date, hour, minute), type: 'TIME' };
  },
};

/**
 * Durations and anchored offsets: "three years", "the past two months", "a five-year",
 * "nearly an hour", "two weeks ago", "a year earlier", "several years".
 */
export const durationRule: TimexRule = {
  name: 'duration',
  pattern: words(
    `(?:(?<approx>${APPROX_RE}) )?(?:(?<the>the|its|their|his|her) )?(?:(?<dir>past|last|next|first|coming|previous|following|final|remaining|latest|initial|additional|other|same|ensuing|preceding|recent|subsequent|prior) )?(?:(?<count>${COUNT_RE})|(?<vague>${VAGUE_COUNT_RE}))(?: more| other| full| straight| consecutive| long| additional| trading| business| calendar)?(?<sep>[ -])(?<unit>${UNIT_RE})(?<plural>s)?(?<adj>-long)?(?<half> and a half)?(?: (?<post>(?:or so )?ago|earlier|later|from now|hence|or so|back))?(?![- ]old\\b)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const unit = unitOf(g.unit);
    if (!unit) return null;
    const dir = lower(g.dir);
    const post = lower(g.post);
    const vague = g.vague !== undefined;
    const vagueWord = lower(g.vague);
    if (vagueWord === 'the' && !dir) {
      // "the year", "the quarter" alone are not durations; "the nine months" (count) is.
      return null;
    }
    if (vagueWord === 'the' && !g.plural) return null;
    let count = vague ? null : parseCount(g.count);
    if (!vague && count === null) return null;
    if (count !== null && g.half) count += 0.5;
    const countWord = lower(g.count);
    if ((countWord === 'a' || countWord === 'an') && unit.granularity === 'second') return null; // "a second time"
    if ((countWord === 'a' || countWord === 'an') && unit.letter === 'Q' && !dir && !g.the) return null; // "a quarter of"
    if (unit.letter === 'Q' && g.plural && g.sep === '-' && !dir) return null; // "three-quarters"
    if (count !== null && count >= 1000 && !g.plural) return null; // "the 1988 quarter"

    if ((countWord === 'a' || countWord === 'an') && !g.approx && !dir && !post && !g.the) {
      // "$5 a year", "twice a day" are rates; a bare "a year" is only a duration after a verb
      // of lasting, which we cannot see: accept it only when not preceded by a number or rate.
      const before = ctx.text.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
      if (/(\d|million|billion|thousand|percent|%|cents?|dollars?|twice|times|once|per)\W*$/.test(before)) return null;
    }
    if (post.endsWith('ago') || post === 'earlier' || post === 'back') {
      if (count === null) return { value: 'PAST_REF', type: 'DATE' };
      if (!ctx.dct) return { value: null, type: 'DATE' };
      if (count === 1 && unit.granularity === 'year' && unit.factor === 1) {
        const quarter = quarterInSentence(ctx, m.index, m.index + m[0].length);
        if (quarter) return { value: formatQuarter(quarter.y - 1, quarter.q), type: 'DATE' };
      }
      return { value: formatAtGranularity(shiftDate(ctx.dct, unit, -count), unit), type: 'DATE' };
    }
    if (post === 'from now' || post === 'hence' || post === 'later') {
      if (post === 'later') {
        // "two days later" is anchored to an event we cannot see; its length is what we know.
        return { value: durationValue(count, unit), type: 'DURATION' };
      }
      if (count === null) return { value: 'FUTURE_REF', type: 'DATE' };
      if (!ctx.dct) return { value: null, type: 'DATE' };
      return { value: formatAtGranularity(shiftDate(ctx.dct, unit, count), unit), type: 'DATE' };
    }
    if (dir === 'recent' && count === null) return { value: 'PAST_REF', type: 'DATE' };
    if (dir === 'coming' && count === null) return { value: 'FUTURE_REF', type: 'DATE' };
    if (vague && !g.plural && vagueWord !== 'a couple') return null;
    if (unit.letter === 'Q') {
      return { value: count === null ? 'PXQ' : `P${count}Q`, type: 'DURATION' };
    }
    return { value: durationValue(count, unit), type: 'DURATION' };
  },
};

/** Bare plural units after "for"/"over"/"in": "for years", "over decades". */
export const vagueSpanRule: TimexRule = {
  name: 'vague-span',
  pattern: words(`(?<=\\b(?:for|over|in|within|after|took|take|takes|lasted|last) )(?<unit>minute|hour|day|week|month|year|decade|centurie)s`),
  resolve(m) {
    return { value: durationValue(null, unitOf(m.groups!.unit)), type: 'DURATION' };
  },
};

/** Recurrences: "daily", "every week", "each Thursday", "annually". */
export const setRule: TimexRule = {
  name: 'set',
  pattern: words(
    `(?<adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly)|(?:every|each) (?:(?<other>other|single) )?(?:(?<unit>second|minute|hour|day|night|week|month|quarter|year|decade)|(?<wd>${WEEKDAY_RE})|(?<mon>${MONTH_FULL_RE})|(?<part>morning|afternoon|evening))`,
  ),
  resolve(m) {
    const g = m.groups!;
    const ADVERBS: Record<string, string> = {
      daily: 'P1D', weekly: 'P1W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', hourly: 'PT1H',
      quarterly: 'P3M', nightly: 'P1D', biweekly: 'P2W', semiannually: 'P6M',
    };
    if (g.adv) return { value: ADVERBS[lower(g.adv)], type: 'SET' };
    const every = g.other ? 2 : 1;
    if (g.unit) {
      const unit = unitOf(g.unit);
      if (unit.letter === 'Q') return { value: `P${every}Q`, type: 'SET' };
      return { value: durationValue(every, unit), type: 'SET' };
    }
    if (g.wd) return { value: `XXXX-WXX-${weekdayNumber(g.wd)}`, type: 'SET' };
    if (g.mon) return { value: `XXXX-${String(monthNumber(g.mon)).padStart(2, '0')}`, type: 'SET' };
    return { value: `TXX${DAY_PARTS[lower(g.part)] ?? ''}`, type: 'SET' };
  },
};

/** Reference points: "now", "currently", "recently", "the future", "soon", "the past". */
export const referenceRule: TimexRule = {
  name: 'reference',
  pattern: words(
    `(?<present>right now|just now|now|currently|nowadays|these days|at present|presently|at the moment|for the time being|the present(?! \\w+ing\\b)|current(?= (?!account|accounts|affairs|events)[a-z]))|(?<past>recently|lately|more recently|most recently|until recently|the past|then[- ]current|past years)|(?<recent>recent (?<unit>years|months|weeks|days|decades))|(?<future>the (?:near |distant |immediate )?future|the near term|the short term|the medium term|(?:the )?coming (?:days|weeks|months|years|quarters)|future quarters)`,
  ),
  resolve(m, ctx) {
    const g = m.groups!;
    const text = lower(m[0]);
    if (g.present) {
      if (text === 'now') {
        // "now" as a discourse marker ("Now, the ...") at the start of a sentence is still
        // annotated in TimeBank, so we keep it; "by now"/"until now" stay too.
        const before = ctx.text.slice(Math.max(0, m.index - 6), m.index).toLowerCase();
        if (/\bnot\s*$/.test(before)) return { value: 'PRESENT_REF', type: 'DATE' };
      }
      return { value: 'PRESENT_REF', type: 'DATE' };
    }
    if (g.past) {
      if (text === 'the past') {
        // "the past" followed by a unit or count is a duration handled elsewhere.
        const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 20);
        if (/^\s+(?:\d|[a-z]+ (?:years?|months?|weeks?|days?|decades?)|years?|months?|weeks?|days?|decades?|quarters?|century)/i.test(after)) return null;
      }
      return { value: 'PAST_REF', type: 'DATE' };
    }
    if (g.recent) {
      // "in recent months": an unspecified stretch of months up to now.
      return { value: durationValue(null, unitOf(g.unit)), type: 'DURATION' };
    }
    if (g.future) {
      return { value: 'FUTURE_REF', type: 'DATE' };
    }
    return null;
  },
};
