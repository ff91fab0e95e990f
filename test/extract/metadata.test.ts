import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prestripHtml } from '../../src/extract/html-prestrip.ts';
import { parseHumanDate, parseMachineDate } from '../../src/extract/metadata/dates.ts';
import { collectMetadata } from '../../src/extract/metadata/index.ts';
import { articleFromJsonLd } from '../../src/extract/metadata/json-ld.ts';
import { dateFromUrl } from '../../src/extract/metadata/url-date.ts';

const JSON_LD = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Site From Graph"},
  {"@type":"NewsArticle","headline":"Headline from JSON-LD","datePublished":"2021-03-04T05:06:07+01:00",
   "author":[{"@type":"Person","name":"Ada Lovelace"},{"@type":"Person","name":"Charles Babbage"}],
   "publisher":{"@type":"Organization","name":"JSON-LD Times"}}]}</script>`;
const OPENGRAPH = `<meta property="og:title" content="Headline from OpenGraph"><meta property="og:site_name" content="OG Times">
  <meta property="article:published_time" content="2021-03-05T00:00:00Z"><meta property="article:author" content="https://example.com/ada">`;
const META = `<meta name="author" content="Meta Author"><meta name="date" content="2021-03-06"><meta name="application-name" content="Meta Times">`;
const TIME = `<time datetime="2021-03-07T09:00:00-05:00">March 7</time>`;
const URL_WITH_DATE = 'https://news.example.com/2021/03/08/some-story/';

function metadataOf(head: string, body = '', url = URL_WITH_DATE) {
  const page = prestripHtml(`<html lang="fr-FR"><head><title>Title tag | Site</title>${head}</head><body>${body}<p>Text.</p></body></html>`);
  return collectMetadata({ tags: page.tags, jsonLd: page.jsonLd, url });
}

describe('metadata precedence: JSON-LD > OpenGraph > meta > time > URL', () => {
  it('takes every field JSON-LD has from JSON-LD', () => {
    const m = metadataOf(JSON_LD + OPENGRAPH + META, TIME);
    assert.equal(m.title, 'Headline from JSON-LD');
    assert.equal(m.byline, 'Ada Lovelace, Charles Babbage');
    assert.equal(m.published, '2021-03-04T05:06:07+01:00');
    assert.equal(m.siteName, 'JSON-LD Times');
    assert.deepEqual(
      { title: m.provenance.title, byline: m.provenance.byline, published: m.provenance.published, siteName: m.provenance.siteName },
      { title: 'json-ld', byline: 'json-ld', published: 'json-ld', siteName: 'json-ld' },
    );
  });

  it('falls back to OpenGraph, skipping an author that is a profile URL', () => {
    const m = metadataOf(OPENGRAPH + META, TIME);
    assert.equal(m.title, 'Headline from OpenGraph');
    assert.equal(m.published, '2021-03-05T00:00:00Z');
    assert.equal(m.provenance.published, 'opengraph');
    assert.equal(m.siteName, 'OG Times');
    assert.equal(m.byline, 'Meta Author');
    assert.equal(m.provenance.byline, 'meta');
  });

  it('falls back to <meta>, then <time>, then the URL, then nothing', () => {
    const fromMeta = metadataOf(META, TIME);
    assert.equal(fromMeta.published, '2021-03-06');
    assert.equal(fromMeta.provenance.published, 'meta');
    assert.equal(fromMeta.title, 'Title tag | Site');
    assert.equal(fromMeta.provenance.title, 'title-tag');

    const fromTime = metadataOf('', TIME);
    assert.equal(fromTime.published, '2021-03-07T09:00:00-05:00');
    assert.equal(fromTime.provenance.published, 'time');

    const fromUrl = metadataOf('');
    assert.equal(fromUrl.published, '2021-03-08');
    assert.equal(fromUrl.provenance.published, 'url');

    const none = metadataOf('', '', 'https://example.com/about');
    assert.equal(none.published, null);
    assert.equal(none.provenance.published, undefined);
  });

  it('prefers <link rel=canonical> for the URL and drops fragments', () => {
    const m = metadataOf('<link rel="canonical" href="/2021/03/08/canonical-story/#top">', '', 'https://news.example.com/amp/story');
    assert.equal(m.url, 'https://news.example.com/2021/03/08/canonical-story/');
    assert.equal(m.provenance.url, 'link-canonical');
    assert.equal(m.declaredLanguage, 'fr');
  });
});

describe('JSON-LD', () => {
  it('repairs raw newlines and trailing commas, and finds an article nested in mainEntity', () => {
    const block = '{"@type":"WebPage","mainEntity":{"@type":"BlogPosting","headline":"Line\none","datePublished":"2020-01-02",},}';
    const article = articleFromJsonLd([block]);
    assert.equal(article?.title, 'Line one');
    assert.equal(article?.published, '2020-01-02');
  });

  it('returns null for unparseable blocks', () => {
    assert.equal(articleFromJsonLd(['{not json']), null);
  });
});

describe('dates as ISO-8601', () => {
  it('normalises machine-written dates, keeping the written offset', () => {
    assert.equal(parseMachineDate('2019-11-19T10:30:00.000Z'), '2019-11-19T10:30:00Z');
    assert.equal(parseMachineDate('2019-11-19 10:30:00 +0530'), '2019-11-19T10:30:00+05:30');
    assert.equal(parseMachineDate('20191119'), '2019-11-19');
    assert.equal(parseMachineDate('2019/11/19'), '2019-11-19');
    assert.equal(parseMachineDate('1574159400'), '2019-11-19T10:30:00Z');
    assert.equal(parseMachineDate('Tue, 19 Nov 2019 10:30:00 GMT'), '2019-11-19T10:30:00Z');
  });

  it('rejects placeholders and impossible dates', () => {
    assert.equal(parseMachineDate('0001-01-01T00:00:00Z'), null);
    assert.equal(parseMachineDate('2019-02-30'), null);
    assert.equal(parseMachineDate(''), null);
  });

  it('reads human-written dates in several languages', () => {
    assert.equal(parseHumanDate('November 19, 2019 at 10:30 pm EST'), '2019-11-19T22:30:00-05:00');
    assert.equal(parseHumanDate('19 de novembro de 2019'), '2019-11-19');
    assert.equal(parseHumanDate('19. März 2019'), '2019-03-19');
    assert.equal(parseHumanDate('19.11.2019'), '2019-11-19');
  });

  it('finds full dates in URLs only', () => {
    assert.equal(dateFromUrl('https://x.com/2019/11/19/story'), '2019-11-19');
    assert.equal(dateFromUrl('https://x.com/news/2019-11-19-story.html'), '2019-11-19');
    assert.equal(dateFromUrl('https://x.com/commentisfree/2019/nov/18/view'), '2019-11-18');
    assert.equal(dateFromUrl('https://x.com/archive/2019/11/'), null);
    assert.equal(dateFromUrl('https://x.com/2019/13/45/story'), null);
  });
});
