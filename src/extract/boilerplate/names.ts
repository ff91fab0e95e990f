/**
 * Class and id names that mark an element as not-the-article. Readability already uses
 * such names to *score* candidates; inside the article it picked they are our strongest
 * cheap signal for captions, credits, related-story boxes, share bars and bylines that
 * sit between the paragraphs.
 *
 * Names are split into words (`sdc-article-related-stories__item` → sdc, article,
 * related, stories, item; `relatedContent` → related, content) and a word must match
 * exactly: `ad` matches `ad-slot` but not `head` or `shadow`.
 */

/** One word is enough: these words are (almost) never on an element holding body text. */
const BOILERPLATE_WORDS = new Set([
  // captions and credits
  'caption', 'captions', 'figcaption', 'credit', 'credits', 'copyright', 'photocredit',
  // media widgets whose only text is captions and controls
  'gallery', 'slideshow', 'carousel', 'lightbox',
  // related / recommended / promotion
  'related', 'recommended', 'recommendation', 'recommendations', 'promo', 'promotion', 'promoted', 'teaser',
  'outbrain', 'taboola', 'trending', 'popular', 'mostread', 'readnext', 'newsletter', 'newsletters', 'subscribe',
  'subscription', 'signup', 'cta', 'paywall', 'disclaimer',
  // sharing and social
  'share', 'sharing', 'sharebar', 'shares', 'social', 'sociallinks', 'follow',
  // article furniture
  'byline', 'bylines', 'dateline', 'timestamp', 'breadcrumb', 'breadcrumbs', 'tags', 'tagged', 'keywords',
  'bio', 'biography', 'comment', 'comments', 'disqus', 'rating', 'ratings', 'toolbar', 'pagination', 'pager',
  'sidebar', 'widget', 'widgets', 'print', 'meta', 'metadata',
  // hover and pop-up boxes, hidden until the reader interacts
  'popup', 'popover', 'tooltip', 'hovercard', 'rollover', 'modal',
  // advertising
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adsbygoogle', 'dfp', 'sponsor',
  'sponsored', 'banner',
]);

/** Two consecutive words that together mark boilerplate (each alone is too common). */
const BOILERPLATE_WORD_PAIRS = new Set([
  'read more', 'more stories', 'more news', 'also read', 'read also', 'see also', 'more from', 'author info',
  'author details', 'about author', 'post date', 'publish date', 'published date', 'article date', 'entry date',
  'image credit', 'photo credit', 'most popular', 'most viewed', 'top stories', 'you may', 'further reading',
]);

/**
 * Embedded posts and quotes are quoted article content even inside a "widget" or "embed"
 * box: these words veto every boilerplate word.
 */
const QUOTED_CONTENT_WORDS = new Set(['tweet', 'twitter', 'instagram', 'blockquote', 'quote', 'pullquote']);

/** Words that, on an element, say it *is* the text; they veto the pairs above. */
const CONTENT_WORDS = new Set(['body', 'content', 'text', 'article', 'story', 'entry', 'post', 'main']);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The class and id words of an element. */
export function elementNameWords(element: Element): string[] {
  const className = element.getAttribute('class') ?? '';
  const id = element.getAttribute('id') ?? '';
  if (className.length === 0 && id.length === 0) return [];
  return nameWords(className + ' ' + id);
}

/**
 * The word that marks this element as boilerplate, or null. `readability-*` ids and
 * classes are Readability's own wrappers and never count.
 */
export function boilerplateNameWord(element: Element): string | null {
  const words = elementNameWords(element);
  if (words.length === 0 || words[0] === 'readability') return null;
  if (words.some((w) => QUOTED_CONTENT_WORDS.has(w))) return null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (BOILERPLATE_WORDS.has(word)) return word;
    if (i + 1 < words.length) {
      const pair = word + ' ' + words[i + 1];
      if (BOILERPLATE_WORD_PAIRS.has(pair) && !words.some((w) => CONTENT_WORDS.has(w))) return pair;
    }
  }
  return null;
}
