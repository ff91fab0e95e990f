/**
 * Precision filters on the article element Readability picked: it keeps whole
 * containers, so captions, credits, related-story boxes, share bars and link lists that
 * sit between the paragraphs come along. Each filter is a small named rule; all of them
 * refuse to remove an element that holds a large share of the article's text, so a
 * wrongly named wrapper can never take the article with it.
 *
 * Text and link-text sizes of every element are measured once, bottom-up, before any
 * rule runs (reading `textContent` per rule would be quadratic in the tree depth).
 */
import { BLOCK_TAGS } from '../block-text.ts';
import { boilerplateNameWord } from './names.ts';
import { isSectionHeading, wordCount } from './phrases.ts';

export interface DomFilterOptions {
  /** An element holding more than this share of the article's text is never removed. */
  maxRemovedShare?: number;
  /** Link text over total text above which a block is a link list. */
  linkDensityThreshold?: number;
  /** Rules to run (all by default); for ablation studies. */
  rules?: Partial<Record<RemovedBlock['rule'], boolean>>;
}

export interface RemovedBlock {
  rule: 'name' | 'figure' | 'link-list' | 'link-block' | 'section';
  detail: string;
  text: string;
}

interface ElementStats {
  /** Non-whitespace characters of text inside. */
  chars: number;
  /** ... of which inside <a>. */
  linkChars: number;
  /** Has a block-level element inside. */
  hasBlock: boolean;
  /** Sits inside <blockquote>/<q>/<pre>/<code>/<table>: links there are quoted content. */
  quoted: boolean;
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LIST_TAGS = new Set(['UL', 'OL', 'DL', 'MENU']);
/** Text blocks whose own link density we judge. */
const LEAF_TEXT_TAGS = new Set(['P', 'LI', 'DD', 'DT', 'DIV', 'SECTION', 'CENTER', ...HEADING_TAGS]);
/** Elements that may act as a heading line for a "Related …" section. */
const HEADING_LIKE_TAGS = new Set([...HEADING_TAGS, 'P', 'DIV', 'STRONG', 'B', 'SPAN']);
/** Inside these, links are part of the quoted content (embedded posts), not navigation. */
const QUOTE_TAGS = new Set(['BLOCKQUOTE', 'Q', 'PRE', 'CODE', 'TABLE']);

/** Prose paragraph: long enough and mostly not links. Section removal stops at one. */
const PROSE_MIN_WORDS = 20;
/** A heading line is short: longer text is never a section heading. */
const HEADING_MAX_CHARS = 80;

/**
 * A whole linked sentence ("The suspect was sentenced last Thursday." as one link) is
 * text that happens to link somewhere; teaser headlines and calls to action are short or
 * lack the closing punctuation of a sentence.
 */
const PROSE_SENTENCE_MIN_WORDS = 12;

export function isProseSentence(text: string): boolean {
  const trimmed = text.trim();
  return wordCount(trimmed) >= PROSE_SENTENCE_MIN_WORDS && /[.!?…。！？]["'”’»)]?$/u.test(trimmed);
}

function countNonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 160) n++;
  }
  return n;
}

/** Measures every element under `root` in one post-order walk. */
function measure(root: Element): Map<Element, ElementStats> {
  const stats = new Map<Element, ElementStats>();
  const visit = (element: Element, inLink: boolean, quoted: boolean): ElementStats => {
    const own: ElementStats = { chars: 0, linkChars: 0, hasBlock: false, quoted };
    const isLink = inLink || element.tagName === 'A';
    const childQuoted = quoted || QUOTE_TAGS.has(element.tagName);
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType === 3) {
        const n = countNonSpace(node.nodeValue ?? '');
        own.chars += n;
        if (isLink) own.linkChars += n;
      } else if (node.nodeType === 1) {
        const child = node as Element;
        const childStats = visit(child, isLink, childQuoted);
        own.chars += childStats.chars;
        own.linkChars += childStats.linkChars;
        if (childStats.hasBlock || BLOCK_TAGS.has(child.tagName)) own.hasBlock = true;
      }
    }
    stats.set(element, own);
    return own;
  };
  visit(root, false, false);
  return stats;
}

export function textLength(element: Element): number {
  return countNonSpace(element.textContent ?? '');
}

export function linkDensity(element: Element): number {
  const length = textLength(element);
  if (length === 0) return 0;
  let links = 0;
  for (const link of Array.from(element.getElementsByTagName('a'))) links += textLength(link);
  return Math.min(1, links / length);
}

function describe(element: Element): string {
  const className = (element.getAttribute('class') ?? '').trim().split(/\s+/).slice(0, 2).join('.');
  return element.tagName.toLowerCase() + (className ? '.' + className : '');
}

/** Name words that mean "other content" (other stories, comments) even around prose. */
const OTHER_CONTENT_WORDS = new Set([
  'related', 'recommended', 'recommendation', 'recommendations', 'promo', 'promotion', 'promoted', 'teaser', 'outbrain',
  'taboola', 'trending', 'popular', 'mostread', 'readnext', 'newsletter', 'newsletters', 'comment', 'comments', 'disqus',
  'read more', 'more stories', 'more news', 'also read', 'read also', 'see also', 'more from', 'most popular', 'most viewed',
  'top stories', 'you may', 'further reading', 'sidebar', 'bio', 'biography',
]);
/** This many prose paragraphs make a named box article text (see OTHER_CONTENT_WORDS). */
const PROSE_BOX_MIN_PARAGRAPHS = 3;
const PROSE_PARAGRAPH_MIN_CHARS = 150;

/** Paragraphs under `element` that read as prose: long and with few links. */
function proseParagraphs(element: Element): number {
  let count = 0;
  for (const paragraph of Array.from(element.getElementsByTagName('p'))) {
    const text = paragraph.textContent ?? '';
    if (countNonSpace(text) >= PROSE_PARAGRAPH_MIN_CHARS && linkDensity(paragraph) < 0.2) count++;
  }
  return count;
}

/** Removes boilerplate elements from `article` in place; returns what it removed. */
export function removeBoilerplateElements(article: Element, options: DomFilterOptions = {}): RemovedBlock[] {
  const maxShare = options.maxRemovedShare ?? 0.4;
  const linkThreshold = options.linkDensityThreshold ?? 0.5;
  const removed: RemovedBlock[] = [];
  let stats = measure(article);
  const total = Math.max(1, stats.get(article)?.chars ?? 1);
  const removedSet = new Set<Element>();
  const enabled = (rule: RemovedBlock['rule']): boolean => options.rules?.[rule] ?? true;
  const statOf = (element: Element): ElementStats => stats.get(element) ?? { chars: 0, linkChars: 0, hasBlock: false, quoted: false };
  const small = (element: Element): boolean => statOf(element).chars <= maxShare * total;
  const density = (element: Element): number => {
    const s = statOf(element);
    return s.chars === 0 ? 0 : s.linkChars / s.chars;
  };
  const isRemoved = (element: Element): boolean => {
    for (let node: Element | null = element; node && node !== article; node = node.parentElement) if (removedSet.has(node)) return true;
    return false;
  };
  const remove = (element: Element, rule: RemovedBlock['rule'], detail: string): void => {
    removed.push({ rule, detail, text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) });
    removedSet.add(element);
    element.remove();
  };
  // Elements in document order, collected before anything is removed.
  const elements = Array.from(article.querySelectorAll('*'));

  // 1. Named furniture and figures, top-down so a removed box takes its children.
  for (const element of elements) {
    if (isRemoved(element)) continue;
    const tag = element.tagName;
    if (enabled('figure') && (tag === 'FIGURE' || tag === 'FIGCAPTION') && small(element)) {
      remove(element, 'figure', describe(element));
      continue;
    }
    if (!enabled('name')) continue;
    const word = boilerplateNameWord(element);
    if (word === null || !small(element)) continue;
    // Embedded posts (tweets, Instagram) sit in "social"/"embed" boxes but are quoted content.
    if (element.getElementsByTagName('blockquote').length > 0) continue;
    // A box of several prose paragraphs is text whatever its name says, unless the name
    // says it is other stories or reader comments.
    if (!OTHER_CONTENT_WORDS.has(word) && proseParagraphs(element) >= PROSE_BOX_MIN_PARAGRAPHS) continue;
    remove(element, 'name', `${describe(element)} (${word})`);
  }

  // Sizes changed where boxes went (a hover card inside a paragraph no longer counts as links).
  if (removed.length > 0) stats = measure(article);

  // 2. Lists whose items are mostly links: navigation, "more stories", tag clouds.
  for (const list of elements) {
    if (!enabled('link-list') || !LIST_TAGS.has(list.tagName) || statOf(list).quoted || isRemoved(list)) continue;
    const items = Array.from(list.children).filter((c) => statOf(c).chars > 0);
    if (items.length < 2) continue;
    const linkish = items.filter((item) => density(item) >= linkThreshold).length;
    if (linkish / items.length >= 0.6 && small(list)) remove(list, 'link-list', describe(list));
  }

  // 3. Text blocks that are mostly link text ("Read more: <a>…</a>", teaser headlines).
  for (const block of elements) {
    if (!enabled('link-block') || !LEAF_TEXT_TAGS.has(block.tagName)) continue;
    const s = statOf(block);
    if (s.chars === 0 || s.hasBlock || s.quoted || density(block) < linkThreshold || isRemoved(block)) continue;
    if (!isProseSentence(block.textContent ?? '')) remove(block, 'link-block', describe(block));
  }

  stats = measure(article);

  // 4. "Related"/"More from"/"Comments" headings and the link-ish blocks that follow them.
  for (const heading of elements) {
    if (!enabled('section') || !HEADING_LIKE_TAGS.has(heading.tagName)) continue;
    const s = statOf(heading);
    if (s.chars === 0 || s.chars > HEADING_MAX_CHARS || s.hasBlock || isRemoved(heading)) continue;
    if (!isSectionHeading(heading.textContent ?? '')) continue;
    // An inline element only counts as a heading when nothing else shares its line.
    let anchor: Element = heading;
    if (!HEADING_TAGS.has(heading.tagName) && !BLOCK_TAGS.has(heading.tagName)) {
      const parent = heading.parentElement;
      if (!parent || parent === article || statOf(parent).chars !== s.chars) continue;
      anchor = parent;
    }
    const followers: Element[] = [];
    for (let next = anchor.nextElementSibling; next; next = next.nextElementSibling) {
      const text = next.textContent ?? '';
      if (wordCount(text) >= PROSE_MIN_WORDS && density(next) < 0.3) break;
      if (HEADING_TAGS.has(next.tagName) && !isSectionHeading(text)) break;
      followers.push(next);
    }
    const removedChars = followers.reduce((sum, f) => sum + statOf(f).chars, statOf(anchor).chars);
    if (removedChars > maxShare * total) continue;
    remove(anchor, 'section', `${describe(anchor)} "${(anchor.textContent ?? '').trim().slice(0, 40)}"`);
    for (const follower of followers) remove(follower, 'section', describe(follower));
  }
  return removed;
}
