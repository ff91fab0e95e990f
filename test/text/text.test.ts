import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contentKey, hasCaseInformation, normaliseText, splitParagraphs } from '../../src/text/normalise.ts';
import { detectLanguage, isClearlyEnglish } from '../../src/text/language.ts';
import { FALLBACK_WINDOW_TOKENS, MAX_SENTENCE_TOKENS, splitSentences, tokenize, tokenizeByPattern, type Token } from '../../src/text/tokens.ts';
import { ROOT } from '../helpers.ts';

const SEED_000 = fs.readFileSync(path.join(ROOT, 'examples/seeds/000_0fbb9887d98a567f.txt'), 'utf8');

test('normalisation: NFKC, zero-width characters, spaces and paragraph breaks', () => {
  assert.equal(normaliseText('ﬁrst\u00a0 line\u200b  here\r\n\r\n\r\n\r\nsecond'), 'first line here\n\nsecond');
  assert.equal(contentKey('Hello   World\n\nAgain'), contentKey('hello world again'));
  assert.notEqual(contentKey('hello world'), contentKey('hello word'));
  assert.deepEqual(splitParagraphs('one\n\ntwo\n \nthree'), ['one', 'two', 'three']);
  assert.deepEqual(splitParagraphs('a line\nanother line'), ['a line', 'another line']);
});

test('the content key is the normalised text, case-folded, with every whitespace run one space', () => {
  // Zero-width characters (a BOM among them, which is also whitespace) go before spaces are
  // collapsed, so they join the words around them; NFKC folds the ligature and the
  // full-width letter; line and paragraph separators of any kind become one space.
  const messy = ' \ufeffA\u200bb\r\n\r\n\r\nﬁve \u00a0 Ｄ\u2028e\u2029\tf\u00adg\u3000 ';
  assert.equal(contentKey(messy), 'ab five d e fg');
  assert.equal(contentKey(messy), normaliseText(messy).toLowerCase().replace(/\s+/g, ' '));
  assert.equal(contentKey(' \n\t '), '');
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

test('the English fast path claims plain English prose only, and agrees with eld where it does', () => {
  const english = 'The minister said on Tuesday that the talks with the union had been constructive, but that no agreement would be signed before the end of the month.';
  assert.equal(isClearlyEnglish(english), true);
  assert.equal(detectLanguage(english), 'en');
  // Other languages share short words with English ("is", "was", "of", "to", "in", "die"); none of these may pass.
  const others = [
    'De minister zei dinsdag dat het overleg met de vakbond constructief was, maar dat er voor het einde van de maand geen akkoord is.',
    'Der Minister sagte am Dienstag, das Gespräch mit der Gewerkschaft sei konstruktiv gewesen, was aber nicht heißt, dass es bis Monatsende eine Einigung gibt.',
    'Le ministre a déclaré mardi que les discussions avec le syndicat avaient été constructives, mais qu’aucun accord ne serait signé avant la fin du mois.',
    'Ministeren sagde tirsdag at forhandlingerne med fagforeningen havde været konstruktive, men at der ikke ville blive underskrevet en aftale for det.',
  ];
  for (const text of others) assert.equal(isClearlyEnglish(text), false, text);
  // Too short to decide this way, or a headline without "the": eld decides.
  assert.equal(isClearlyEnglish('The talks with the union were constructive.'), false);
  assert.equal(isClearlyEnglish('Minister says union talks were constructive but no agreement would be signed before month end'), false);
});

test('the tokeniser (a scanner) cuts exactly what its defining pattern cuts', () => {
  const tricky = [
    'U.S. and U.K. officials', 'Mr. Kim met Dr.Who at 3.5 p.m. today', "don't-stop’em & co. next", 'a..b c.', 'end.',
    '𝐀𝐁𝐂 math letters, 😀 emoji, 𠜎 CJK extension', 'lone \ud800 high and \udc00 low surrogates', 'e\u0301 and \u0301x marks',
    'no. 5 vs. No. 6', 'A.B.C.D. ltd.', 'x.-y & z&w', '-start -', "it's O’Neill’s", 'café. Next', '١٢٣ and ٤٥', 'Jong-un.', 'e.g. this', '',
  ];
  const sample = fs
    .readFileSync(path.join(ROOT, 'examples/sample/news-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const record = JSON.parse(line) as { text: string; title?: string };
      return [record.text, record.title ?? ''];
    });
  const cut = (tokens: Token[]) => tokens.map(({ text, lower, start, end }) => ({ text, lower, start, end }));
  for (const text of [...tricky, SEED_000, ...sample]) assert.deepEqual(cut(tokenize(text)), tokenizeByPattern(text), text.slice(0, 60));
  // Words come from a table of distinct words: a second text must not get the first one's.
  assert.deepEqual(tokenize('Seoul seoul SEOUL').map((t) => [t.text, t.lower]), [['Seoul', 'seoul'], ['seoul', 'seoul'], ['SEOUL', 'seoul']]);
});
