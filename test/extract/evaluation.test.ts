import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyDateEvaluation, expectedPublicationDay, tallyDate } from '../../src/extract/evaluation/date-truth.ts';
import { evaluatePage, parseGroundTruth, summarise } from '../../src/extract/evaluation/extraction-eval.ts';

describe('date truth from the page’s own statements', () => {
  it('prefers JSON-LD, then article:published_time, then itemprop, then <time>', () => {
    const time = '<time datetime="2020-01-04">x</time>';
    const itemprop = '<span itemprop="datePublished" content="2020-01-03T01:00:00Z"></span>';
    const og = '<meta property="article:published_time" content="2020-01-02T00:00:00Z">';
    const jsonLd = '<script type="application/ld+json">{"datePublished": "2020-01-01T23:00:00-05:00"}</script>';
    assert.deepEqual(expectedPublicationDay(time + itemprop + og + jsonLd), { day: '2020-01-01', source: 'json-ld' });
    assert.deepEqual(expectedPublicationDay(time + itemprop + og), { day: '2020-01-02', source: 'article:published_time' });
    assert.deepEqual(expectedPublicationDay(time + itemprop), { day: '2020-01-03', source: 'itemprop' });
    assert.deepEqual(expectedPublicationDay(time), { day: '2020-01-04', source: 'time' });
    assert.equal(expectedPublicationDay('<p>no date</p>'), null);
  });

  it('skips placeholder dates', () => {
    const html = '<script type="application/ld+json">{"datePublished":"0001-01-01T00:00:00"}</script><time datetime="2020-01-04">x</time>';
    assert.deepEqual(expectedPublicationDay(html), { day: '2020-01-04', source: 'time' });
  });

  it('tallies found and correct days over pages that state a date', () => {
    const tally = emptyDateEvaluation();
    tallyDate(tally, { day: '2020-01-01', source: 'json-ld' }, '2020-01-01', '2020-01-01');
    tallyDate(tally, { day: '2020-01-01', source: 'json-ld' }, '2020-01-02', null);
    tallyDate(tally, { day: '2020-01-01', source: 'time' }, null, '2019-12-31');
    tallyDate(tally, null, '2020-01-05', null);
    assert.deepEqual(tally, { pages: 4, withStatedDate: 3, found: 2, correct: 1, withUrlDate: 2, matchesUrlDate: 1, foundWithoutStatedDate: 1 });
  });
});

describe('extraction evaluation', () => {
  it('scores a page against its truth and counts its date', () => {
    const body = 'The harbour reopened on Monday after a week of storms that closed the port to ferries and fishing boats.';
    const html = `<html><head><meta property="article:published_time" content="2020-02-02T10:00:00Z"></head><body><article><p>${body}</p><p>${body}</p></article></body></html>`;
    const truth = parseGroundTruth(JSON.stringify({ p1: { articleBody: `${body}\n${body}`, url: 'https://x.example/p1' }, p2: { articleBody: 'Missing page text here.' } }));
    const pages = [evaluatePage('p1', html, truth.get('p1')!), evaluatePage('p2', null, truth.get('p2')!)];
    assert.equal(pages[0].score.f1, 1);
    assert.equal(pages[1].error, 'no HTML file');
    const evaluation = summarise(pages, ['p2']);
    assert.equal(evaluation.corpus.recall, 0.5);
    assert.equal(evaluation.dates.withStatedDate, 1);
    assert.equal(evaluation.dates.correct, 1);
  });

  it('rejects a ground truth without articleBody strings', () => {
    assert.throws(() => parseGroundTruth('{"p1": {"url": "x"}}'), /p1: articleBody is not a string/);
    assert.throws(() => parseGroundTruth('[]'), /JSON object/);
  });
});
