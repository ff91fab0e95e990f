/**
 * Publication dates as ISO-8601. Pages write dates in every format; we accept the
 * machine formats metadata uses (ISO-8601 and its sloppy variants, RFC 2822, Unix
 * timestamps) and the common human forms found in <time> text ("November 19, 2019",
 * "19 Nov 2019 10:30"). The page's own UTC offset is kept as written so the calendar
 * day is the one the publisher meant; a date without a time stays a plain date.
 */

export const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
  // a few non-English full and short names seen in metadata
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9,
  octubre: 10, noviembre: 11, diciembre: 12,
  janeiro: 1, fevereiro: 2, março: 3, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10,
  novembro: 11, dezembro: 12,
  gennaio: 1, febbraio: 2, aprile: 4, maggio: 5, giugno: 6, luglio: 7, settembre: 9, ottobre: 10, dicembre: 12,
  januari: 1, februari: 2, maret: 3, mei: 5, agustus: 8, desember: 12,
};

/** Dates outside this range are typos or placeholders (0000-00-00, 1970 epoch zero). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function formatOffset(offset: string | undefined): string {
  if (!offset) return '';
  if (/^z$/i.test(offset) || /^(?:gmt|utc)$/i.test(offset)) return 'Z';
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(offset);
  if (!m) return '';
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return '';
  if (hours === 0 && minutes === 0) return 'Z';
  return `${m[1]}${pad(hours)}:${pad(minutes)}`;
}

/** Common zone abbreviations in human-written datelines. */
const ZONE_OFFSETS: Record<string, string> = {
  gmt: 'Z', utc: 'Z', z: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00',
  pst: '-08:00', pdt: '-07:00', bst: '+01:00', cet: '+01:00', cest: '+02:00', ist: '+05:30', jst: '+09:00', hst: '-10:00',
  aest: '+10:00', aedt: '+11:00',
};

function compose(year: number, month: number, day: number, time?: { h: number; m: number; s: number }, offset = ''): string | null {
  if (!validDate(year, month, day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!time) return date;
  if (time.h > 23 || time.m > 59 || time.s > 60) return date;
  return `${date}T${pad(time.h)}:${pad(time.m)}:${pad(time.s)}${offset}`;
}

const ISO_LIKE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s_]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|GMT|UTC)?)?/i;
const SLASHED_YMD = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;
const UNIX_TIME = /^\d{10}(?:\d{3})?$/;

/** A machine-written date (metadata, datetime attributes) as ISO-8601, or null. */
export function parseMachineDate(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = String(raw).trim();
  if (value.length === 0) return null;
  const iso = ISO_LIKE.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const time = h !== undefined ? { h: Number(h), m: Number(mi), s: Number(s ?? '0') } : undefined;
    const composed = compose(Number(y), Number(mo), Number(d), time, formatOffset(zone));
    if (composed) return composed;
  }
  const slashed = SLASHED_YMD.exec(value);
  if (slashed) {
    const [, y, mo, d, h, mi, s] = slashed;
    const time = h !== undefined ? { h: Number(h), m: Number(mi), s: Number(s ?? '0') } : undefined;
    const composed = compose(Number(y), Number(mo), Number(d), time);
    if (composed) return composed;
  }
  if (UNIX_TIME.test(value)) {
    const millis = value.length === 13 ? Number(value) : Number(value) * 1000;
    const date = new Date(millis);
    if (date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR) return date.toISOString().replace('.000Z', 'Z');
  }
  return parseHumanDate(value);
}

const MONTH_NAME = '([a-zà-ÿ]{3,10})\\.?';
const TIME_PART = '(?:\\s*(?:at|à|às|um|,|-|–|\\|)?\\s*(\\d{1,2})[:.h](\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?\\s*([a-z]{2,4}|[+-]\\d{2}:?\\d{2})?)?';
/** "November 19, 2019", "Nov. 19 2019 10:30 am EST", "Tue, Nov 19, 2019". */
const MONTH_DAY_YEAR = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME_PART}`, 'i');
/** "19 November 2019", "19. November 2019", "19 de novembro de 2019", "Tue, 19 Nov 2019 10:00:00 GMT". */
const DAY_MONTH_YEAR = new RegExp(`(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?\\s+(?:de\\s+)?${MONTH_NAME}\\s+(?:de\\s+)?(\\d{4})${TIME_PART}`, 'i');
/** "19.11.2019", "19/11/2019" (day first: the common order outside the US in page text). */
const NUMERIC_DMY = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/;

function applyMeridiem(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = /^p/i.test(meridiem);
  if (pm && hour < 12) return hour + 12;
  if (!pm && hour === 12) return 0;
  return hour;
}

function zoneOffset(zone: string | undefined): string {
  if (!zone) return '';
  const lower = zone.toLowerCase();
  if (ZONE_OFFSETS[lower]) return ZONE_OFFSETS[lower];
  return formatOffset(zone);
}

/** A date written for people ("November 19, 2019 10:30 am EST") as ISO-8601, or null. */
export function parseHumanDate(raw: string): string | null {
  const value = raw.replace(/\s+/g, ' ').trim();
  let m = MONTH_DAY_YEAR.exec(value);
  if (m && MONTHS[m[1].toLowerCase()]) {
    const time = m[4] !== undefined ? { h: applyMeridiem(Number(m[4]), m[7]), m: Number(m[5]), s: Number(m[6] ?? '0') } : undefined;
    const result = compose(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]), time, time ? zoneOffset(m[8]) : '');
    if (result) return result;
  }
  m = DAY_MONTH_YEAR.exec(value);
  if (m && MONTHS[m[2].toLowerCase()]) {
    const time = m[4] !== undefined ? { h: applyMeridiem(Number(m[4]), m[7]), m: Number(m[5]), s: Number(m[6] ?? '0') } : undefined;
    const result = compose(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]), time, time ? zoneOffset(m[8]) : '');
    if (result) return result;
  }
  m = NUMERIC_DMY.exec(value);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    // Day first unless that is impossible and month-first is not.
    const result = first > 12 || second <= 12 ? compose(Number(m[3]), second, first) : compose(Number(m[3]), first, second);
    if (result) return result;
  }
  return null;
}

/** The calendar day (YYYY-MM-DD) of an ISO-8601 value as written, or null. */
export function calendarDay(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m ? m[1] : null;
}
