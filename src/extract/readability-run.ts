/**
 * Runs `@mozilla/readability` (pinned 0.6.0) on a linkedom document and returns the
 * article element itself (no HTML serialisation and reparse).
 *
 * Two costs of Readability on a server-side DOM are avoided here, without changing what
 * it selects:
 *  - Every `_grabArticle` call first serialises the whole <body> (`page.innerHTML`) so a
 *    failed pass can be undone. We already hold the body's HTML as a string (it is what
 *    we parsed), so the getter returns that string and the setter reparses it and redoes
 *    Readability's document preparation (<br> runs, <font>), as the first pass saw it.
 *  - `_isProbablyVisible` builds a CSSStyleDeclaration for every node it visits; reading
 *    the style attribute with a regular expression answers the same question.
 * We also skip two reader-view steps that change no text (<noscript> image unwrapping,
 * made moot by the prestrip, and URL absolutising/wrapper flattening after the pass).
 * All are instance-level overrides of private members read from the source; the
 * package version is pinned, and the tests exercise both paths (first pass and retry).
 */
import { Readability } from '@mozilla/readability';

/** What we use from a linkedom/DOM element. */
export type DomElement = Element;

export interface ReadabilityOutcome {
  article: DomElement | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  /** How many passes Readability needed (1 when the first one found enough text). */
  passes: number;
}

export interface ReadabilityRunOptions {
  /** Readability's minimum article length before it retries with relaxed flags. */
  charThreshold?: number;
  /** Readability's number of top candidates compared when merging siblings. */
  nbTopCandidates?: number;
  /** Use the faster attribute-based visibility check. */
  fastVisibility?: boolean;
}

/** Readability's private surface we touch (see the module comment for why). */
interface ReadabilityInternals {
  _prepDocument(): void;
  _isProbablyVisible(node: Element): boolean;
  _unwrapNoscriptImages(document: Document): void;
  _postProcessContent(article: Element): void;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Same verdict as Readability's `_isProbablyVisible`, from the attributes alone. */
export function isProbablyVisible(node: Element): boolean {
  const style = node.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return false;
  if (node.hasAttribute('hidden')) return false;
  if (node.getAttribute('aria-hidden') === 'true') {
    const className = node.getAttribute('class') ?? '';
    return className.includes('fallback-image');
  }
  return true;
}

/** The inner HTML of <body> as written in `html` (the whole input when there is no <body>). */
export function bodyInnerHtml(html: string): string {
  const lower = html.toLowerCase();
  const open = lower.indexOf('<body');
  let start = 0;
  if (open >= 0) {
    const gt = lower.indexOf('>', open);
    start = gt < 0 ? html.length : gt + 1;
  } else {
    const headEnd = lower.indexOf('</head');
    if (headEnd >= 0) {
      const gt = lower.indexOf('>', headEnd);
      start = gt < 0 ? html.length : gt + 1;
    }
  }
  const close = lower.lastIndexOf('</body');
  const end = close >= start ? close : html.length;
  return html.slice(start, end);
}

export function runReadability(document: Document, html: string, options: ReadabilityRunOptions = {}): ReadabilityOutcome {
  const reader = new Readability<DomElement>(document, {
    charThreshold: options.charThreshold,
    nbTopCandidates: options.nbTopCandidates,
    // We read JSON-LD from the prestripped page ourselves (metadata/).
    disableJSONLD: true,
    // Our filters read class names (caption, credit, related …).
    keepClasses: true,
    serializer: (node: Node) => node as DomElement,
  });
  const internals = reader as unknown as ReadabilityInternals;
  if (options.fastVisibility ?? true) internals._isProbablyVisible = isProbablyVisible;
  // Work for a reader view that text extraction does not need: the prestrip already
  // removed <noscript>, and absolute image/link URLs and flattened wrappers change no text.
  internals._unwrapNoscriptImages = () => {};
  internals._postProcessContent = () => {};

  let passes = 1;
  const body = document.body;
  if (body) {
    const prototypeDescriptor = findDescriptor(body, 'innerHTML');
    let cachedBody: string | null = null;
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get: () => (cachedBody ??= bodyInnerHtml(html)),
      set: (value: string) => {
        passes++;
        prototypeDescriptor?.set?.call(body, value);
        internals._prepDocument();
      },
    });
  }
  const result = reader.parse();
  return {
    article: result?.content ?? null,
    title: result?.title ?? null,
    byline: result?.byline ?? null,
    siteName: result?.siteName ?? null,
    publishedTime: result?.publishedTime ?? null,
    lang: result?.lang ?? null,
    passes,
  };
}

function findDescriptor(object: object, property: string): PropertyDescriptor | undefined {
  let proto: object | null = Object.getPrototypeOf(object);
  while (proto) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    if (descriptor) return descriptor;
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}
