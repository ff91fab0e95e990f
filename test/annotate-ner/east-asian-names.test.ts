/**
 * The caseless East Asian name rules on hand-made label sequences, so each rule is seen
 * apart from what the model happens to tag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeEastAsianNames, isKoreanSyllable, pinyinSyllableCount, type WordClasses } from '../../src/annotate/ner/east-asian-names.ts';
import { bilouToBio, labelId } from '../../src/annotate/ner/labels.ts';

const ENGLISH = new Set(['in', 'son', 'said', 'the', 'change', 'met', 'on', 'xi', 'will', 'he', 'ran', 'won']);
const CLASSES: WordClasses = {
  isEnglishWord: (w) => ENGLISH.has(w),
  isOtherName: (w) => w === 'beijing' || w === 'shanghai',
  isPersonNoun: (w) => w === 'president' || w === 'minister' || w === 'premier',
};

function tag(sentence: string, given: Record<number, string> = {}): string[] {
  const words = sentence.split(' ');
  const labels = new Int32Array(words.length);
  for (const [index, label] of Object.entries(given)) labels[Number(index)] = labelId(label);
  return bilouToBio(completeEastAsianNames(words, labels, CLASSES));
}

test('pinyin splitting counts the fewest syllables and rejects what is not pinyin', () => {
  assert.equal(pinyinSyllableCount('jinping'), 2);
  assert.equal(pinyinSyllableCount('keqiang'), 2);
  assert.equal(pinyinSyllableCount('xiaoping'), 2);
  assert.equal(pinyinSyllableCount('yi'), 1);
  assert.equal(pinyinSyllableCount('president'), 0);
  assert.equal(pinyinSyllableCount('strong'), 0);
  assert.ok(isKoreanSyllable('jae') && isKoreanSyllable('hyun') && isKoreanSyllable('muk'));
  assert.ok(!isKoreanSyllable('street') && !isKoreanSyllable('trump'));
});

test('a Korean name cut after one given-name syllable takes the next syllable', () => {
  assert.deepEqual(tag('met moon jae in on', { 1: 'B-PER', 2: 'L-PER' }), ['O', 'B-PER', 'I-PER', 'I-PER', 'O']);
  // A one-token entity on the syllable is a misreading ("un" as the UN) and joins the name;
  // the first token of a longer entity stays with it.
  assert.deepEqual(tag('leader kim jong un will', { 1: 'B-PER', 2: 'L-PER', 3: 'U-ORG' }), ['O', 'B-PER', 'I-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('kim jong un security council', { 0: 'B-PER', 1: 'L-PER', 2: 'B-ORG', 4: 'L-ORG' }), ['B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'I-ORG']);
  // An English word as the first given-name part is not a syllable the rule trusts.
  assert.deepEqual(tag('kim won in seoul', { 0: 'B-PER', 1: 'L-PER' }), ['B-PER', 'I-PER', 'O', 'O']);
});

test('an untagged surname with a pinyin given name becomes a person; English words do not', () => {
  assert.deepEqual(tag('president xi jinping said'), ['O', 'B-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('li keqiang met'), ['B-PER', 'I-PER', 'O']);
  // "change" splits into pinyin (chan-ge) but is English; "beijing" is a place.
  assert.deepEqual(tag('ma change said'), ['O', 'O', 'O']);
  assert.deepEqual(tag('xi beijing said'), ['O', 'O', 'O']);
  // One-syllable given names only after a person noun.
  assert.deepEqual(tag('wang yi said'), ['O', 'O', 'O']);
  assert.deepEqual(tag('minister wang yi said'), ['O', 'B-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('he ran'), ['O', 'O']);
  // "began" is in no lemma list and splits into pinyin (be-gan): "he" needs a person noun.
  assert.deepEqual(tag('then he began to speak'), ['O', 'O', 'O', 'O', 'O']);
  assert.deepEqual(tag('vice premier he lifeng said'), ['O', 'O', 'B-PER', 'I-PER', 'O']);
});

test('all-capital text is read like lowercase', () => {
  assert.deepEqual(tag('MET MOON JAE IN ON', { 1: 'B-PER', 2: 'L-PER' }), ['O', 'B-PER', 'I-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('PRESIDENT XI JINPING SAID'), ['O', 'B-PER', 'I-PER', 'O']);
});

test('a Korean surname with two syllables after a person noun becomes a person', () => {
  assert.deepEqual(tag('president moon jae in said'), ['O', 'B-PER', 'I-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('moon jae in said'), ['O', 'O', 'O', 'O']);
});

test('a person the model found partly is absorbed; other entity types veto', () => {
  assert.deepEqual(tag('xi jinping said', { 1: 'U-PER' }), ['B-PER', 'I-PER', 'O']);
  assert.deepEqual(tag('xi jinping said', { 1: 'U-ORG' }), ['O', 'B-ORG', 'O']);
  assert.deepEqual(tag('xi jinping said', { 0: 'B-PER', 1: 'L-PER' }), ['B-PER', 'I-PER', 'O']);
});
