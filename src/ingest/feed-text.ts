/**
 * Small text helpers for feed fields: titles arrive as plain text, escaped HTML or
 * double-escaped HTML; content arrives as CDATA, escaped HTML, XHTML or plain text. Each
 * becomes either clean text (titles, authors) or an HTML fragment (content).
 */

/** The named entities feeds actually use in titles; anything else is left as written. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥',
  deg: '°', times: '×', shy: '\u00ad', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', iacute: 'í', oacute: 'ó',
  uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
  Eacute: 'É', ecirc: 'ê', acirc: 'â', ocirc: 'ô', icirc: 'î', ucirc: 'û', oslash: 'ø', aring: 'å', aelig: 'æ',
};

function codePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/** Decodes character references (&#39; &#x2019; &amp; …); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return codePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** HTML-ish text → plain text: tags dropped, entities decoded (twice for double-escaped feeds), spaces folded. */
export function plainText(value: string): string {
  let text = value;
  for (let pass = 0; pass < 2 && /[<&]/.test(text); pass++) {
    text = decodeEntities(text.replace(/<[^>]*>/g, ' '));
  }
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text → HTML paragraphs (blank lines separate paragraphs). */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

/**
 * The raw inner markup of a stop node (Atom content/summary, kept unparsed so XHTML
 * survives) → an HTML fragment, by the Atom `type` attribute.
 */
export function atomTextConstructToHtml(raw: string, type: string | undefined): string {
  const kind = (type ?? 'text').toLowerCase();
  if (kind === 'xhtml' || kind === 'application/xhtml+xml') return raw.trim();
  // html/text: CDATA sections are literal, everything else is XML-escaped.
  let decoded = '';
  let at = 0;
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  for (let m = cdata.exec(raw); m; m = cdata.exec(raw)) {
    decoded += decodeEntities(raw.slice(at, m.index)) + m[1];
    at = m.index + m[0].length;
  }
  decoded += decodeEntities(raw.slice(at));
  return kind === 'html' || kind === 'text/html' ? decoded.trim() : textToHtml(decoded);
}

/** A standalone HTML document for an item's feed content, so the extractor sees its title too. */
export function feedContentDocument(title: string | null, contentHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title ?? '')}</title></head><body><article>${title ? `<h1>${escapeHtml(title)}</h1>` : ''}${contentHtml}</article></body></html>`;
}
