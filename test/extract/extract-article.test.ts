import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../src/extract/index.ts';
import { isProbablyVisible, runReadability } from '../../src/extract/readability-run.ts';

const sentences = [
  'The city council approved the new budget on Tuesday after a debate that lasted more than six hours.',
  'Members argued over the cost of repairing the old bridge, which engineers say is no longer safe for heavy lorries.',
  'The mayor said the vote showed that the council could still agree on the things that matter most to residents.',
  'Opposition members said the plan raised taxes too quickly and promised to revisit it after the spring elections.',
  'The budget also pays for two new libraries, longer opening hours at swimming pools and more frequent buses.',
];

const ARTICLE_PAGE = `<!doctype html>
<html lang="en"><head><title>Council approves budget | Example Gazette</title>
<meta property="og:title" content="Council approves budget">
<meta property="article:published_time" content="2022-05-10T18:30:00+02:00">
<meta name="author" content="Jane Doe">
<script>window.tracking = { page: "article" };</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Council approves budget</h1>
<p class="byline">By Jane Doe</p>
<p>${sentences[0]}</p>
<figure><img src="bridge.jpg"><figcaption>The old bridge. (Photo: John Roe)</figcaption></figure>
<p>${sentences[1]}</p>
<p>Read more: <a href="/bridge">Bridge closed to lorries</a></p>
<p>${sentences[2]}</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>${sentences[3]}</p>
<p>${sentences[4]}</p>
<h3>More from News</h3>
<ul><li><a href="/a">School wins award</a></li><li><a href="/b">Road works start Monday</a></li></ul>
</article></main>
<footer><p>© 2022 Example Gazette. All rights reserved.</p></footer>
</body></html>`;

describe('extractArticle', () => {
  it('extracts the article paragraphs, separated by blank lines, without furniture', () => {
    const article = extractArticle(ARTICLE_PAGE, { url: 'https://gazette.example/2022/05/10/budget' });
    assert.equal(article.text, sentences.join('\n\n'));
  });

  it('returns metadata with provenance and the language of the text', () => {
    const article = extractArticle(ARTICLE_PAGE, { url: 'https://gazette.example/2022/05/10/budget' });
    assert.equal(article.title, 'Council approves budget');
    assert.equal(article.byline, 'Jane Doe');
    assert.equal(article.published, '2022-05-10T18:30:00+02:00');
    assert.equal(article.url, 'https://gazette.example/2022/05/10/budget');
    assert.equal(article.language, 'en');
    assert.equal(article.provenance['published'], 'opengraph');
    assert.equal(article.provenance['title'], 'opengraph');
    assert.equal(article.provenance['url'], 'input');
    assert.equal(article.provenance['language'], 'text');
  });

  it('detects the language from the text even when <html lang> says otherwise', () => {
    const page = ARTICLE_PAGE.replace('<html lang="en">', '<html lang="de">');
    assert.equal(extractArticle(page).language, 'en');
  });

  it('copes with malformed HTML (unclosed tags, stray end tags)', () => {
    const page = `<html><body><div><p>${sentences[0]}<p>${sentences[1]}</span></div></i><p>${sentences[2]}`;
    const article = extractArticle(page);
    for (const sentence of sentences.slice(0, 3)) assert.ok(article.text.includes(sentence), sentence);
    assert.equal(article.text.split('\n\n').length, 3);
  });

  it('keeps a short news brief instead of replacing it with the comment thread', () => {
    const comments = Array.from({ length: 8 }, (_, i) => `<div class="comment-body"><p>Comment ${i}: ${sentences[i % 5]}</p></div>`).join('');
    const page = `<html><head><title>Brief</title></head><body><article><h1>Brief</h1><p>${sentences[0]}</p><p>${sentences[1]}</p></article><section id="comments">${comments}</section></body></html>`;
    const article = extractArticle(page);
    assert.equal(article.text, `${sentences[0]}\n\n${sentences[1]}`);
  });

  it('falls back to the publisher’s JSON-LD articleBody when the page shows too little', () => {
    const body = sentences.join('\n');
    const page = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Budget', articleBody: body })}</script></head>
      <body><div class="teaser"><p>Council approves budget.</p></div></body></html>`;
    const article = extractArticle(page);
    assert.equal(article.text, sentences.join('\n\n'));
    assert.equal(article.provenance['text'], 'json-ld-body');
  });

  it('throws a clear error for input that is not an HTML page', () => {
    assert.throws(() => extractArticle(''), /empty document/);
    assert.throws(() => extractArticle('   \n'), /empty document/);
    assert.throws(() => extractArticle('\u0000\u0001PNG binary'), /binary content/);
    assert.throws(() => extractArticle('{"id": 1, "text": "json"}'), /JSON, not HTML/);
    assert.throws(() => extractArticle('just some plain words, no markup at all'), /no HTML markup/);
  });

  it('returns empty text (not an exception) for an HTML page without an article', () => {
    const article = extractArticle('<html><head><title>Empty</title></head><body><nav><a href="/">Home</a></nav></body></html>');
    assert.equal(article.text, '');
    assert.equal(article.title, 'Empty');
  });
});

describe('runReadability', () => {
  it('retries with relaxed rules when the first pass finds too little, reparsing the body it was given', () => {
    const html = `<html><body><div class="sidebar">${sentences.map((s) => `<p>${s}</p>`).join('')}</div><p>Tiny.</p></body></html>`;
    const { document } = parseHTML(html);
    const outcome = runReadability(document as unknown as Document, html, { charThreshold: 250 });
    assert.ok(outcome.passes > 1, `passes: ${outcome.passes}`);
    assert.ok(outcome.article?.textContent?.includes(sentences[4]));
  });

  it('judges visibility from attributes as Readability does', () => {
    const { document } = parseHTML('<html><body><p id="a" style="display: none">x</p><p id="b" hidden>x</p><p id="c" aria-hidden="true">x</p><p id="d" style="color:red">x</p></body></html>');
    const visible = (id: string): boolean => isProbablyVisible(document.getElementById(id) as unknown as Element);
    assert.deepEqual(['a', 'b', 'c', 'd'].map(visible), [false, false, false, true]);
  });
});
