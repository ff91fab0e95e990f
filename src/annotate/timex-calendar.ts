/**
 * Calendar arithmetic for TIMEX3 normalisation: civil dates as {y, m, d} in the proleptic
 * Gregorian calendar, computed through UTC milliseconds so no local time zone leaks in.
 * Pure functions only; formatting follows TIMEX3 (ISO 8601 with TimeML's extensions).
 */

export interface CivilDate {
  y: number;
  /** 1–12 */
  m: number;
  /** 1–31 */
  d: number;
}

const DAY_MS = 86_400_000;

export function toUtcMs(date: CivilDate): number {
  return Date.UTC(date.y, date.m - 1, date.d);
}

export function fromUtcMs(ms: number): CivilDate {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Parse the date part of an ISO-8601 string (`2019-04-16`, `2019-04-16T10:00:00Z`). */
export function parseIsoDate(iso: string | null | undefined): CivilDate | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (match) {
    const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
    return isValidDate(date) ? date : null;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(iso.trim());
  if (compact) {
    const date = { y: Number(compact[1]), m: Number(compact[2]), d: Number(compact[3]) };
    return isValidDate(date) ? date : null;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : fromUtcMs(ms);
}

export function isValidDate(date: CivilDate): boolean {
  if (date.m < 1 || date.m > 12 || date.d < 1) return false;
  return date.d <= daysInMonth(date.y, date.m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Month arithmetic clamps the day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: CivilDate): number {
  const js = new Date(toUtcMs(date)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** ISO-8601 week-numbering year and week of a date. */
export function isoWeek(date: CivilDate): { year: number; week: number } {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const week = Math.floor((toUtcMs(thursday) - toUtcMs(jan1)) / DAY_MS / 7) + 1;
  return { year: thursday.y, week };
}

export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => (n < 0 ? '-' + String(-n).padStart(4, '0') : String(n).padStart(4, '0'));

export function formatYear(y: number): string {
  return pad4(y);
}

export function formatMonth(y: number, m: number): string {
  return `${pad4(y)}-${pad2(m)}`;
}

export function formatDate(date: CivilDate): string {
  return `${pad4(date.y)}-${pad2(date.m)}-${pad2(date.d)}`;
}

export function formatWeek(date: CivilDate): string {
  const { year, week } = isoWeek(date);
  return `${pad4(year)}-W${pad2(week)}`;
}

export function formatQuarter(y: number, q: number): string {
  return `${pad4(y)}-Q${q}`;
}

export function formatTime(date: CivilDate, hour: number, minute: number | null): string {
  const hh = pad2(hour);
  return minute === null || minute === 0 && hour === 24
    ? `${formatDate(date)}T${hh}:00`
    : `${formatDate(date)}T${hh}:${pad2(minute)}`;
}

/**
 * The occurrence of an ISO weekday nearest to `reference` in the given direction.
 * `direction` -1: on or before, +1: on or after. Same weekday as the reference gives the
 * reference itself: in news "Friday" in a Friday story is that day.
 */
export function weekdayRelative(reference: CivilDate, weekday: number, direction: -1 | 1): CivilDate {
  const diff = weekday - isoWeekday(reference);
  if (direction < 0) return addDays(reference, diff <= 0 ? diff : diff - 7);
  return addDays(reference, diff >= 0 ? diff : diff + 7);
}

/** The n-th (1-based) given weekday of a month, or the last when n = -1 (holidays). */
export function nthWeekdayOfMonth(y: number, m: number, weekday: number, n: number): CivilDate {
  if (n > 0) {
    const first = { y, m, d: 1 };
    const offset = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, offset + (n - 1) * 7);
  }
  const last = { y, m, d: daysInMonth(y, m) };
  const back = (isoWeekday(last) - weekday + 7) % 7;
  return addDays(last, -back);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(y: number): CivilDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}
