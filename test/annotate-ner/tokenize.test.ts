import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.ts';
import { isCaseless, splitCaselessSequences, splitSentences, tokenizeCased, tokenizeCaseless } from '../../src/annotate/ner/tokenize.ts';

test('cased tokens split like CoNLL and point at their text', () => {
  const text = 'Mr. Kim’s visit to the U.S. isn\'t over, said Jean-Paul (AFP) on 2019-04-25.';
  const tokens = tokenizeCased(text);
  for (const token of tokens) assert.equal(text.slice(token.start, token.end), token.text);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['Mr.', 'Kim', '’s', 'visit', 'to', 'the', 'U.S.', 'is', "n't", 'over', ',', 'said', 'Jean-Paul', '(', 'AFP', ')', 'on', '2019-04-25', '.'],
  );
});

test('sentences end at terminal punctuation before a capital and at paragraph breaks', () => {
  const text = 'Putin met Kim. The talks were long.\n\nMoscow said nothing. It was 3 p.m. in Seoul';
  const tokens = tokenizeCased(text);
  const sentences = splitSentences(text, tokens).map(([a, b]) => tokens.slice(a, b).map((t) => t.text).join(' '));
  assert.deepEqual(sentences, ['Putin met Kim .', 'The talks were long .', 'Moscow said nothing .', 'It was 3 p.m. in Seoul']);
});

test('a short headline line is its own sentence', () => {
  const text = 'Kim to meet Putin\nThe date is not set.';
  const tokens = tokenizeCased(text);
  assert.deepEqual(splitSentences(text, tokens), [
    [0, 4],
    [4, 10],
  ]);
});

test('caseless tokens are letter and digit runs with offsets', () => {
  const text = 'moon jae-in, kim’s aide';
  const tokens = tokenizeCaseless(text);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['moon', 'jae', 'in', 'kim', 's', 'aide'],
  );
  for (const token of tokens) assert.equal(text.slice(token.start, token.end), token.text);
  assert.deepEqual(splitCaselessSequences(text, tokens), [[0, 6]]);
  const withStop = 'he left. she stayed';
  assert.deepEqual(splitCaselessSequences(withStop, tokenizeCaseless(withStop)), [
    [0, 2],
    [2, 4],
  ]);
});

test('caseless text is detected by its share of capitals', () => {
  assert.equal(isCaseless('north korean leader kim jong un will meet russian president vladimir putin'), true);
  assert.equal(isCaseless('NORTH KOREAN LEADER KIM JONG UN WILL MEET RUSSIAN PRESIDENT VLADIMIR PUTIN'), true);
  assert.equal(isCaseless('North Korean leader Kim Jong Un will meet Russian President Vladimir Putin.'), false);
  assert.equal(isCaseless('12 345'), false);
});

test('plain words are cut without the token expression exactly as the expression cuts them', () => {
  const tricky = [
    'See www.example.com or https://example.org/path, then mail john.smith@example.org today.',
    'The U.S. and U.K. met Mr. Kim at 3.30 p.m. on 1996-08-22; Kim\'s aides didn\'t co-operate.',
    'AT&T (and R&D) said "yes", “no” and «maybe»]; e.g. A. Smith; x_y foo+bar C++ 5km 1990s.',
    'word) word" word] word” word’s word— word…word café naïve Zürich-based',
  ];
  const sample = fs
    .readFileSync(path.join(ROOT, 'examples/sample/news-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  for (const text of [...tricky, ...sample]) {
    assert.deepEqual(tokenizeCased(text), tokenizeCased(text, { fastPath: false }));
  }
});
