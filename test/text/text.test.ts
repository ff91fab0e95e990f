import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contentKey, hasCaseInformation, normaliseText, splitParagraphs } from '../../src/text/normalise.ts';
import { detectLanguage } from '../../src/text/language.ts';
import { FALLBACK_WINDOW_TOKENS, MAX_SENTENCE_TOKENS, splitSentences, tokenize } from '../../src/text/tokens.ts';
import { ROOT } from '../helpers.ts';

const SEED_000 = fs.readFileSync(path.join(ROOT, 'examples/seeds/000_0fbb9887d98a567f.txt'), 'utf8');

test('normalisation: NFKC, zero-width characters, spaces and paragraph breaks', () => {
  assert.equal(normaliseText('ﬁrst\u00a0 line\u200b  here\r\n\r\n\r\n\r\nsecond'), 'first line here\n\nsecond');
  assert.equal(contentKey('Hello   World\n\nAgain'), contentKey('hello world again'));
  assert.notEqual(contentKey('hello world'), contentKey('hello word'));
  assert.deepEqual(splitParagraphs('one\n\ntwo\n \nthree'), ['one', 'two', 'three']);
  assert.deepEqual(splitParagraphs('a line\nanother line'), ['a line', 'another line']);
});

test('case detection tells the lowercased seed from normal prose', () => {
  assert.equal(hasCaseInformation(SEED_000), false);
  assert.equal(hasCaseInformation('North Korean leader Kim Jong Un met Vladimir Putin.'), true);
});

test('language: English and French detected; short text keeps the declared language', () => {
  assert.equal(detectLanguage('North Korean leader Kim Jong Un will seek to expand his options and cultivate new allies.'), 'en');
  assert.equal(detectLanguage("Le président de la République a annoncé mardi une réforme importante du système des retraites."), 'fr');
  assert.equal(detectLanguage('Ja.', 'de'), 'de');
  assert.equal(detectLanguage(SEED_000), 'en');
});

test('tokens carry offsets into the original text and keep abbreviations', () => {
  const text = 'Mr. Kim met the U.S. envoy in Vladivostok — twice.';
  const tokens = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(tokens.map((t) => t.text), ['Mr.', 'Kim', 'met', 'the', 'U.S.', 'envoy', 'in', 'Vladivostok', 'twice']);
});

test('sentences split on punctuation, not after abbreviations; unpunctuated text falls back to windows', () => {
  const text = 'Mr. Kim arrived on Tuesday. He met Putin! Talks ended.\nA new line starts here';
  const sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(sentences, ['Mr. Kim arrived on Tuesday', 'He met Putin', 'Talks ended', 'A new line starts here']);
  const seedTokens = tokenize(SEED_000);
  const seedSentences = splitSentences(SEED_000, seedTokens);
  assert.ok(seedSentences.length >= seedTokens.length / FALLBACK_WINDOW_TOKENS - 1);
  for (const s of seedSentences) assert.ok(s.endToken - s.firstToken <= MAX_SENTENCE_TOKENS);
  assert.equal(seedSentences.reduce((n, s) => n + s.endToken - s.firstToken, 0), seedTokens.length);
});
