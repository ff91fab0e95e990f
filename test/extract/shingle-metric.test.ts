import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreCorpus, scorePage, shingleMatch, tokenizeWords } from '../../src/extract/evaluation/shingle-metric.ts';

describe('shingle metric (Zyte article-extraction-benchmark evaluate.py)', () => {
  it('tokenises on word characters after lowercasing, dropping punctuation', () => {
    assert.deepEqual(tokenizeWords('Hello, World! It’s 2019_x.'), ['hello', 'world', 'it', 's', '2019_x']);
    assert.deepEqual(tokenizeWords('Привет, мир'), ['привет', 'мир']);
  });

  it('counts 4-gram shingles: a prediction missing the last word has P=1, R=1/2', () => {
    // truth shingles: (a b c d), (b c d e); predicted: (a b c d)
    const counts = shingleMatch('a b c d e', 'A b, c d');
    assert.deepEqual(counts, { tp: 0.5, fp: 0, fn: 0.5 });
    const score = scorePage('a b c d e', 'a b c d');
    assert.equal(score.precision, 1);
    assert.equal(score.recall, 0.5);
    assert.ok(Math.abs(score.f1 - 2 / 3) < 1e-12);
  });

  it('extra predicted text lowers precision only', () => {
    const score = scorePage('one two three four', 'one two three four five');
    // truth (1 2 3 4); predicted (1 2 3 4), (2 3 4 5)
    assert.equal(score.recall, 1);
    assert.equal(score.precision, 0.5);
  });

  it('averages precision only over pages that predicted something (upstream rule)', () => {
    const pages = [scorePage('a b c d', 'a b c d'), scorePage('a b c d', '')];
    const corpus = scoreCorpus(pages);
    assert.equal(corpus.precision, 1); // the empty prediction has tp+fp = 0
    assert.equal(corpus.recall, 0.5);
    assert.ok(Math.abs(corpus.f1 - 2 / 3) < 1e-12);
    assert.equal(corpus.meanPageF1, 0.5);
  });
});
