import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caselessChunks, caselessCopy, EntityScorer, groupDocuments, parseConll, strippingJoinsEntities } from '../../src/annotate/ner/conll.ts';

test('parseConll reads sentences and reports bad lines with their line number', () => {
  const { sentences, errors } = parseConll('EU NNP B-ORG\nrejects O\n\nPeter B-PER\nbroken\nBlackburn I-PER\n', 'x.txt');
  assert.equal(sentences.length, 2);
  assert.deepEqual(sentences[1], { words: ['Peter', 'Blackburn'], tags: ['B-PER', 'I-PER'], line: 4 });
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^x\.txt:5: /);
});

test('documents start at the headline before each dateline', () => {
  const text = ['A B-ORG', '', 'LONDON B-LOC', '1996-08-22 O', '', 'x O', '', 'Headline O', '', 'PARIS B-LOC', '1996-08-23 O', '', 'y O'].join('\n');
  const { sentences } = parseConll(text);
  assert.deepEqual(groupDocuments(sentences), [
    [0, 3],
    [3, 6],
  ]);
});

test('caseless copies split tokens at punctuation and carry entity spans over', () => {
  const copy = caselessCopy(['The', 'U.S.', 'envoy', 'met', 'Moon', 'Jae-in', "'s", 'aide', '.'], ['O', 'B-LOC', 'O', 'O', 'B-PER', 'I-PER', 'O', 'O', 'O']);
  assert.deepEqual(copy.words, ['the', 'u', 's', 'envoy', 'met', 'moon', 'jae', 'in', 's', 'aide']);
  assert.deepEqual(copy.tags, ['O', 'B-LOC', 'I-LOC', 'O', 'O', 'B-PER', 'I-PER', 'I-PER', 'O', 'O']);
});

test('stripping that glues two entities together is detected and kept apart in chunks', () => {
  const tags = ['B-PER', 'I-PER', 'O', 'B-ORG', 'O'];
  const copy = caselessCopy(['Alan', 'Shearer', '(', 'Newcastle', ')'], tags);
  assert.equal(strippingJoinsEntities(tags, copy.tags), true);
  assert.equal(strippingJoinsEntities(['B-PER', 'O'], ['B-PER', 'O']), false);
  const chunks = caselessChunks([
    { words: ['He', 'won', '.'], tags: ['O', 'O', 'O'], line: 1 },
    { words: ['Alan', 'Shearer', '(', 'Newcastle', ')'], tags, line: 5 },
  ]);
  assert.deepEqual(
    chunks.map((c) => [c.words.join(' '), c.joined]),
    [
      ['he won', false],
      ['alan shearer newcastle', true],
    ],
  );
});

test('entity scoring is exact-match per type, conlleval style', () => {
  const scorer = new EntityScorer();
  scorer.add(['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-PER', 'I-PER', 'O', 'B-ORG']);
  scorer.add(['B-PER', 'I-PER'], ['B-PER', 'O']);
  const overall = scorer.overall();
  assert.deepEqual([overall.gold, overall.predicted, overall.correct], [3, 3, 1]);
  assert.ok(Math.abs(overall.f1 - 1 / 3) < 1e-12);
  assert.equal(scorer.perType().PER.recall, 0.5);
  assert.equal(scorer.perType().ORG.precision, 0);
});

test('-DOCSTART- lines, when a file has them, are the document boundaries', () => {
  const text = ['-DOCSTART- -X- O O', '', 'A B-ORG', '', 'LONDON B-LOC', '1996-08-22 O', '', '-DOCSTART- -X- O O', '', 'b O', '', 'c O'].join('\n');
  const { sentences, errors } = parseConll(text);
  assert.deepEqual(errors, []);
  assert.deepEqual(groupDocuments(sentences), [
    [0, 2],
    [2, 4],
  ]);
});
