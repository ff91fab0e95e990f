import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordTable, wordHash } from '../../src/text/word-table.ts';

test('a word is described once and found again wherever it occurs in any text', () => {
  const described: string[] = [];
  const table = new WordTable((word) => {
    described.push(word);
    return { upper: word.toUpperCase() };
  }, 100);
  const text = 'the cat saw the other cat';
  const at = (t: string, start: number, end: number) => table.get(t, start, end, wordHash(t, start, end));
  const first = at(text, 0, 3);
  assert.equal(first.upper, 'THE');
  assert.equal(at(text, 12, 15), first, 'the second "the" is the same entry');
  assert.equal(at('xx the', 3, 6), first, 'another text, another offset');
  assert.equal(at(text, 4, 7).upper, 'CAT');
  // Prefixes and extensions of a known word are other words.
  assert.equal(at('theme', 0, 5).upper, 'THEME');
  assert.equal(at('th', 0, 2).upper, 'TH');
  assert.deepEqual(described, ['the', 'cat', 'theme', 'th']);
  assert.equal(table.size, 4);
});

test('words with the same hash stay apart', () => {
  const table = new WordTable((word) => word, 100);
  // The caller's hash is trusted for slotting only: equal hashes still compare the words.
  assert.equal(table.get('alpha', 0, 5, 42), 'alpha');
  assert.equal(table.get('omega', 0, 5, 42), 'omega');
  assert.equal(table.get('alpha', 0, 5, 42), 'alpha');
  assert.equal(table.size, 2);
});

test('past its bound the table starts over and keeps working', () => {
  let calls = 0;
  const table = new WordTable((word) => (calls++, word.length), 3);
  const words = ['a', 'bb', 'ccc', 'dddd', 'a'];
  for (const w of words) assert.equal(table.get(w, 0, w.length, wordHash(w, 0, w.length)), w.length);
  assert.ok(table.size <= 3);
  assert.equal(calls, 5, '"a" was described again after the reset');
  table.clear();
  assert.equal(table.size, 0);
});
