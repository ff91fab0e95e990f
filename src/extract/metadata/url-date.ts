/**
 * The publication day as news sites put it in article URLs: /2019/11/19/, /2019-11-19-,
 * /20191119/, /2019/nov/18/. Only the day is trusted (never a time), and only when year,
 * month and day are all present: /2019/11/ alone is an archive path, not a date.
 */
import { MONTHS } from './dates.ts';

const YMD_SEPARATED = /(?:^|[/_-])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=$|[/_.-])/;
const YMD_COMPACT = /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/;
const Y_MONTHNAME_D = /(?:^|\/)((?:19|20)\d{2})\/([a-z]{3,9})\/(0?[1-9]|[12]\d|3[01])(?=$|[/_.-])/i;

function compose(year: string, month: number, day: string): string | null {
  const y = Number(year);
  const d = Number(day);
  const check = new Date(Date.UTC(y, month - 1, d));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== d) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  let m = YMD_SEPARATED.exec(path);
  if (m) return compose(m[1], Number(m[2]), m[3]);
  m = Y_MONTHNAME_D.exec(path);
  if (m && MONTHS[m[2].toLowerCase()]) return compose(m[1], MONTHS[m[2].toLowerCase()], m[3]);
  m = YMD_COMPACT.exec(path);
  if (m) return compose(m[1], Number(m[2]), m[3]);
  return null;
}
