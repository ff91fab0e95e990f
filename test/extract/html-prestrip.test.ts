import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prestripHtml } from '../../src/extract/html-prestrip.ts';

const paragraphs = (n: number, word = 'Text'): string =>
  Array.from({ length: n }, (_, i) => `<p>${word} paragraph ${i} with enough words to be prose.</p>`).join('\n');

describe('prestripHtml', () => {
  it('drops scripts, styles, comments, SVG and templates but captures JSON-LD', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>
      <script>document.write("<p>not text</p>")</script></head>
      <body><!-- a comment <p>hidden</p> --><p>Kept</p><svg><text>logo</text></svg><template><p>tpl</p></template></body></html>`;
    const result = prestripHtml(html);
    assert.deepEqual(result.jsonLd, ['{"@type":"NewsArticle","headline":"H"}']);
    assert.ok(result.html.includes('<p>Kept</p>'));
    for (const gone of ['color:red', 'document.write', 'a comment', 'logo', 'tpl', 'ld+json']) {
      assert.ok(!result.html.includes(gone), `${gone} removed`);
    }
    assert.ok(result.html.includes('<title>T</title>'), 'title kept for metadata');
  });

  it('finds the end of a script even when it contains "</p>" strings or a quoted ">" in a tag', () => {
    const html = '<body><div data-x="a > b"><script>var s = "</p><p>";</script><p>After</p></div></body>';
    const result = prestripHtml(html);
    assert.ok(result.html.includes('<p>After</p>'));
    assert.ok(!result.html.includes('var s'));
  });

  it('drops navigation and asides, but keeps a chrome element that holds the article', () => {
    const html = `<body><nav><ul><li><a href="/">Home</a></li></ul></nav>
      <header class="site"><p>Site tagline</p></header>
      <main>${paragraphs(2)}</main>
      <aside><p>Sidebar</p></aside>
      <footer>${paragraphs(10, 'Article')}</footer></body>`;
    const result = prestripHtml(html);
    assert.ok(!result.html.includes('Home'));
    assert.ok(!result.html.includes('Site tagline'));
    assert.ok(!result.html.includes('Sidebar'));
    assert.ok(result.html.includes('Article paragraph 9'), 'a footer with most of the paragraphs is not chrome');
  });

  it('drops hidden elements and Readability-unlikely boxes (comments), not their neighbours', () => {
    const html = `<body><div>${paragraphs(4)}</div><div style="display:none"><p>Invisible</p></div>
      <div hidden>Also invisible</div><div id="comments"><p>Reader comment</p></div><p>Tail</p></body>`;
    const result = prestripHtml(html);
    assert.ok(!result.html.includes('Invisible'));
    assert.ok(!result.html.includes('Also invisible'));
    assert.ok(!result.html.includes('Reader comment'));
    assert.ok(result.html.includes('<p>Tail</p>'));
  });

  it('removes whitespace between block tags but keeps it between inline tags and inside <pre>', () => {
    const html = '<body><div>\n  <p><b>one</b> <i>two</i></p>\n</div><pre>a\n   b</pre></body>';
    const result = prestripHtml(html);
    assert.ok(result.html.includes('<div><p><b>one</b> <i>two</i></p></div>'), result.html);
    assert.ok(result.html.includes('<pre>a\n   b</pre>'));
  });

  it('records metadata tags, including a <time> inside a dropped header', () => {
    const html = `<html lang="en-GB"><head><meta property="og:title" content="A &amp; B"><link rel="canonical" href="https://example.com/a"></head>
      <body><header><time datetime="2020-02-03T10:00:00Z">3 Feb</time></header>${paragraphs(3)}</body></html>`;
    const { tags } = prestripHtml(html);
    assert.equal(tags.find((t) => t.name === 'html')?.attributes['lang'], 'en-GB');
    assert.equal(tags.find((t) => t.name === 'meta')?.attributes['content'], 'A & B');
    assert.equal(tags.find((t) => t.name === 'link')?.attributes['href'], 'https://example.com/a');
    const time = tags.find((t) => t.name === 'time');
    assert.equal(time?.attributes['datetime'], '2020-02-03T10:00:00Z');
    assert.equal(time?.text, '3 Feb');
  });
});
