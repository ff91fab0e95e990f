/**
 * Short lines that are page furniture rather than article text, recognised by what they
 * say: "Read more: …", "Advertisement", "Image copyright …", "Reporting by …", a line
 * that is only a date, a byline. Only *short* lines are tested — a long paragraph that
 * happens to start with "Related" is prose.
 *
 * Phrases cover English and the most common equivalents in other major news languages;
 * they are about the furniture of news pages in general, never about one site.
 */

/** Lines longer than this (in words) are never furniture by phrase alone. */
export const MAX_FURNITURE_WORDS = 30;

/** A line starting with one of these is a pointer to other content or a call to act. */
const FURNITURE_START = new RegExp(
  '^[\\[(«"“]?\\s*(?:' +
    [
      'read (?:more|also|next|the full)', 'related(?: (?:articles?|stories|posts?|news|coverage|content|links|reading|topics))?\\s*[:|]',
      'related\\b', 'see (?:more|also)', 'also (?:read|see|on|watch)', 'more(?: news| stories| from| on)?\\s*[:|]',
      'don\'?t miss', 'do not miss', 'must read', 'recommended(?: for you| articles| stories| reading| videos)?\\s*(?:[:|]|$)', 'you (?:may|might) (?:also )?(?:like|enjoy|be interested)',
      'watch(?: now| live| the video)?\\s*[:|]', 'listen(?: now)?\\s*[:|]', 'video\\s*[:|]', 'photos?\\s*[:|]', 'image\\s*[:|]',
      'pictures?\\s*[:|]', 'gallery\\s*[:|]', 'credit\\s*[:|]', 'source\\s*[:|]',
      'sign up', 'subscribe', 'follow (?:us|him|her|me|them|@)', 'click here', 'tap here', 'like this (?:story|article)',
      'share (?:this|on|via)', 'advertisement\\s*$', 'advert\\s*$', 'sponsored(?: content| by| links?| stories)?\\s*(?:[:|]|$)', 'continue reading', 'story continues',
      'article continues', 'skip to', 'loading(?:\\.\\.\\.|…|\\s*$)', 'enlarge (?:this )?image', 'image copyright', 'image caption',
      'media caption', 'file photo', 'getty images', 'copyright\\b', 'all rights reserved', '©', 'ⓒ', '\\(c\\) \\d{4}',
      '(?:additional )?reporting by', 'editing by', 'writing by', 'compiled by', 'reported by',
      'first published', 'published\\s*(?:on|at)?\\s*[:|]?\\s*\\d', 'updated\\s*(?:on|at)?\\s*[:|]?\\s*\\d', 'posted (?:on|at)\\s+(?:\\S+\\s+){0,2}\\S*\\d', 'posted in\\s*[:|]', 'posted\\s*:', 'filed under',
      'last (?:updated|modified)', 'this (?:post|article|page) (?:may )?contains? affiliate', 'we may earn',
      'this (?:slideshow|video|content) requires', 'tags?\\s*:', 'topics?\\s*:', 'categor(?:y|ies)\\s*:',
      'comments?\\s*(?:\\(\\d+\\)|\\d+|[:|]|$)', 'leave a (?:reply|comment)', 'post (?:a )?comment', 'reading time', '\\d+ min(?:ute)?s? read',
      // Portuguese, Spanish, French, German, Italian, Indonesian, Russian, Dutch
      'leia (?:mais|também)', 'veja (?:mais|também)', 'saiba mais', 'tempo de leitura', 'lee (?:más|también)',
      'leer más', 'te puede interesar', 'lire (?:aussi|la suite)', 'à lire aussi', 'voir aussi', 'lesen sie (?:auch|mehr)',
      'mehr zum thema', 'weiterlesen', 'anzeige\\s*$', 'leggi (?:anche|tutto)', 'potrebbe interessarti', 'baca (?:juga|selengkapnya)',
      'iklan\\s*$', 'читайте (?:также|также:)', 'подробнее', 'lees (?:ook|meer)',
    ].join('|') +
    ')',
  'iu',
);

/** Anywhere in a short line: newswire credit and rights notices. */
const FURNITURE_ANYWHERE =
  /contributed (?:reporting )?to this (?:report|story|article)|all rights reserved|may not be (?:published|reproduced|redistributed)|무단전재|無断転載|版权所有|\((?:image|photo|picture|video|credit|foto)s?\s*:[^)]*\)\s*$/iu;

/** "1 of 6", "Image 1 of 23", "3/10". */
const COUNTER = /^(?:image|photo|slide|picture|foto)?\s*\d+\s*(?:of|de|von|\/)\s*\/?\s*\d+$/i;

/** Month and weekday names (English and major European languages), relative times and zones. */
const STRONG_DATE_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maret|mei|agustus|desember|segunda|terça|quarta|quinta|sexta|sábado|domingo|lunes|martes|miércoles|jueves|viernes|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|ago|am|pm|a\.m|p\.m|est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|ist|hst|jst|aest|wib)$/i;

/** Words that may sit in a dateline without making it prose. */
const DATE_FILLER =
  /^(?:today|yesterday|hours?|hrs?|minutes?|mins?|days?|weeks?|updated|update|published|posted|modified|created|last|first|on|at|de|às|à|um|le|el|the|of|and|am|uhr|h|feira|time|date)$/i;

/** Numbers that look like parts of dates: 2019, 18, 18th. */
const DATE_NUMBER = /^\d{1,4}(?:st|nd|rd|th|er|º|ª)?$/i;

/** Clock times and numeric dates: 4:10pm, 10.30, 2019-11-18, 18/11/2019. */
const CLOCK_OR_NUMERIC_DATE = /^(?:\d{1,2}[:.h]\d{2}(?::\d{2})?(?:am|pm)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:t[\d:.]+z?)?|\d{1,2}(?:am|pm))$/i;

export function wordCount(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  return words ? words.length : 0;
}

/**
 * True for a short line that only says when ("Updated 1:39 am EST, Wednesday, November
 * 20, 2019", "18 NOV 2019", "Posted: Fri 6:45 PM, Feb 16, 2018 |"): every word is a
 * date word, a number or filler (one stray word allowed), with at least one month,
 * weekday, clock time or numeric date, and at least one digit.
 */
export function isDateLine(text: string): boolean {
  if (!/\d/.test(text)) return false;
  const tokens = text
    .split(/[\s,|•·–—()]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t.length > 0);
  if (tokens.length === 0 || tokens.length > 16) return false;
  let other = 0;
  let strong = 0;
  for (const token of tokens) {
    if (CLOCK_OR_NUMERIC_DATE.test(token) || STRONG_DATE_WORD.test(token.replace(/\.$/, ''))) strong++;
    else if (!DATE_NUMBER.test(token) && !DATE_FILLER.test(token)) other++;
  }
  return strong > 0 && other <= 1 && other * 3 < tokens.length;
}

/** "By Jane Doe", "Por Maria Silva", "Jane Doe | Reuters" are bylines when short. */
const BYLINE_START = /^(?:by|por|von|par|di|oleh|door|av|af|від|автор|written by|words by|story by)\s+[\p{Lu}\p{Lt}]/u;

export function isBylineLine(text: string, knownByline: string | null): boolean {
  const words = wordCount(text);
  if (words === 0 || words > 14) return false;
  // The prefix may be capitalised ("By"), the name must be (so "by the river" is not a byline).
  if (BYLINE_START.test(text.charAt(0).toLowerCase() + text.slice(1))) return true;
  if (knownByline && knownByline.length > 2) {
    const normalisedText = normaliseForCompare(text);
    const normalisedByline = normaliseForCompare(knownByline);
    if (normalisedByline.length > 2 && (normalisedText === normalisedByline || normalisedText === 'by ' + normalisedByline)) return true;
  }
  return false;
}

export function normaliseForCompare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export type FurnitureKind = 'pointer' | 'credit' | 'counter' | 'date';

/** Why a short line is furniture, or null when it may be article text. */
export function furnitureKind(text: string): FurnitureKind | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  if (wordCount(trimmed) > MAX_FURNITURE_WORDS) return null;
  if (FURNITURE_START.test(trimmed)) return 'pointer';
  if (FURNITURE_ANYWHERE.test(trimmed)) return 'credit';
  if (COUNTER.test(trimmed)) return 'counter';
  if (isDateLine(trimmed)) return 'date';
  return null;
}

/**
 * A heading that introduces a block of links to other content ("More from UK",
 * "You may also like", "Comments"): the heading and the link lists after it go.
 */
const SECTION_HEADING = new RegExp(
  '^(?:' +
    [
      'related\\b.*', 'more\\b.{0,40}', 'recommended\\b.*', 'you (?:may|might) (?:also )?(?:like|enjoy).*', 'see also',
      'also (?:read|see|on\\b).*', 'read (?:more|also|next)\\b.*', 'further reading', 'popular\\b.*', 'most (?:read|popular|viewed|shared)\\b.*',
      '(?:latest|top|trending|breaking|recent|other|similar|featured|editor\'?s?) (?:news|stories|articles|posts|picks|videos)\\b.*',
      'trending\\b.*', 'don\'?t miss\\b.*', 'what to (?:read|watch) next', 'comments?\\b.*', 'leave a (?:reply|comment).*',
      '(?:share|follow)(?: this| us)?\\b.*', 'sign up\\b.*', 'subscribe\\b.*', 'newsletter\\b.*', 'tags?\\b.*', 'topics?\\b', 'filed under.*',
      'about the author.*', 'in (?:other|case you missed).*', 'watch\\b.{0,30}', 'trending now', 'elsewhere\\b.*',
      'leia (?:mais|também).*', 'veja (?:mais|também).*', 'lee (?:más|también).*', 'lire aussi.*', 'lesen sie auch.*',
      'mehr zum thema.*', 'leggi anche.*', 'baca juga.*', 'читайте также.*', 'похожие.*', 'notícias relacionadas.*', 'noticias relacionadas.*',
    ].join('|') +
    ')$',
  'iu',
);

export function isSectionHeading(text: string): boolean {
  const trimmed = text.trim().replace(/[:.…!]+$/, '');
  if (trimmed.length === 0 || wordCount(trimmed) > 8) return false;
  return SECTION_HEADING.test(trimmed);
}
