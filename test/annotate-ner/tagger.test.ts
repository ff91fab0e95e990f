/**
 * Behaviour of the shipped model (models/ner.bin.gz) on sentences written for these tests,
 * and on the two seed documents the project started from (../shared/seeds).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_MODEL_PATH, loadNerModel, tagEntities, tagTokens, type TaggedEntity } from '../../src/annotate/ner/index.ts';

const SEEDS = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

function found(entities: TaggedEntity[], type: string, text: string): boolean {
  const wanted = text.toLowerCase();
  return entities.some((e) => e.type === type && e.text.toLowerCase() === wanted);
}

test('the model loads in under a second', () => {
  // Best of two: a busy machine can stall any single measurement.
  const timings: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    loadNerModel(DEFAULT_MODEL_PATH);
    timings.push(performance.now() - started);
  }
  assert.ok(Math.min(...timings) < 1000, `load took ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
});

test('cased text: people, places and organisations with offsets into the input', () => {
  const text = 'German Chancellor Angela Merkel met Emmanuel Macron in Paris on Tuesday.\n\nShares of Microsoft rose 3 percent, the Financial Times reported.';
  const entities = tagEntities(text);
  for (const entity of entities) assert.equal(text.slice(entity.start, entity.end), entity.text);
  assert.ok(found(entities, 'PERSON', 'Angela Merkel'), JSON.stringify(entities));
  assert.ok(found(entities, 'PERSON', 'Emmanuel Macron'), JSON.stringify(entities));
  assert.ok(found(entities, 'PLACE', 'Paris'), JSON.stringify(entities));
  assert.ok(found(entities, 'ORG', 'Microsoft'), JSON.stringify(entities));
  assert.ok(found(entities, 'MISC', 'German'), JSON.stringify(entities));
  assert.ok(!entities.some((e) => /Tuesday|percent/.test(e.text)), JSON.stringify(entities));
  const merkel = entities.find((e) => e.text === 'Angela Merkel')!;
  assert.equal(merkel.start, text.indexOf('Angela'));
});

test('lowercased, punctuation-free text is tagged too, with offsets', () => {
  const text = 'german chancellor angela merkel met french president emmanuel macron in paris on tuesday and later flew to berlin';
  const entities = tagEntities(text);
  for (const entity of entities) assert.equal(text.slice(entity.start, entity.end), entity.text);
  assert.ok(found(entities, 'PERSON', 'angela merkel'), JSON.stringify(entities));
  assert.ok(found(entities, 'PERSON', 'emmanuel macron'), JSON.stringify(entities));
  assert.ok(found(entities, 'PLACE', 'paris'), JSON.stringify(entities));
  assert.ok(found(entities, 'PLACE', 'berlin'), JSON.stringify(entities));
});

test('a lowercased paragraph inside a cased article is read as caseless', () => {
  const cased =
    'German Chancellor Angela Merkel met Emmanuel Macron in Paris on Tuesday. The two leaders discussed trade, ' +
    'energy prices and the war in Ukraine, officials said. Later in the day Macron travelled to Brussels for talks.';
  const lower =
    'in other news british prime minister boris johnson visited washington where he met president joe biden ' +
    'at the white house to discuss trade and security and later the two leaders spoke to reporters in the rose garden';
  const text = `${cased}\n\n${lower}`;
  const entities = tagEntities(text);
  for (const entity of entities) assert.equal(text.slice(entity.start, entity.end), entity.text);
  assert.ok(found(entities, 'PERSON', 'Angela Merkel'), JSON.stringify(entities));
  assert.ok(found(entities, 'PERSON', 'boris johnson'), JSON.stringify(entities));
  assert.ok(found(entities, 'PLACE', 'washington'), JSON.stringify(entities));
  const johnson = entities.find((e) => e.text === 'boris johnson')!;
  assert.equal(johnson.start, text.indexOf('boris'));
});

test('tagTokens gives one CoNLL tag per token, cased and lowercased', () => {
  const cased = ['Vladimir', 'Putin', 'flew', 'to', 'Vladivostok', 'on', 'Wednesday', '.'];
  assert.deepEqual(tagTokens(cased), ['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O', 'O', 'O']);
  const lower = ['the', 'u.s.', 'envoy', 'met', 'vladimir', 'putin', 'in', 'moscow', '.'];
  const tags = tagTokens(lower);
  assert.equal(tags.length, lower.length);
  assert.deepEqual(tags.slice(4, 8), ['B-PER', 'I-PER', 'O', 'B-LOC']);
  assert.equal(tags[1], 'B-LOC');
  assert.equal(tags[8], 'O');
  assert.deepEqual(tagTokens([]), []);
});

test('seed 001 (cased, spun wire copy): the people in the story', { skip: !existsSync(SEEDS) && 'no ../shared/seeds' }, () => {
  const entities = tagEntities(readFileSync(join(SEEDS, '001_66de9ed15ed23a7d.txt'), 'utf8'));
  for (const name of ['Kim Jong Un', 'Vladimir Putin', 'Shinzo Abe', 'Park Won-gon', 'Moon Sung-muk']) {
    assert.ok(found(entities, 'PERSON', name), `${name} not found as PERSON`);
  }
});

test('seed 000 (lowercased, punctuation stripped): the people in the story', { skip: !existsSync(SEEDS) && 'no ../shared/seeds' }, () => {
  const entities = tagEntities(readFileSync(join(SEEDS, '000_0fbb9887d98a567f.txt'), 'utf8'));
  const people = ['kim jong un', 'vladimir putin', 'dmitry peskov', 'stephen e biegun', 'moon jae in', 'xi jinping', 'kim chang son'];
  for (const name of people) assert.ok(found(entities, 'PERSON', name), `${name} not found as PERSON`);
});

test('caseless text: romanised Chinese and Korean names that are not in the seeds', () => {
  const text =
    'chinese premier li keqiang met south korean prime minister han duck soo in seoul on monday while foreign minister ' +
    'wang yi stayed in beijing and opposition leader lee jae myung said the talks were useful';
  const entities = tagEntities(text);
  for (const name of ['li keqiang', 'han duck soo', 'wang yi', 'lee jae myung']) {
    assert.ok(found(entities, 'PERSON', name), `${name} not found as PERSON: ${JSON.stringify(entities)}`);
  }
  assert.ok(found(entities, 'PLACE', 'seoul') && found(entities, 'PLACE', 'beijing'), JSON.stringify(entities));
});

test('uncapitalised stretches of cased text are O without scoring; the labels match scoring every token', async () => {
  const { NerModel } = await import('../../src/annotate/ner/model.ts');
  const { tokenizeCased, splitSentences } = await import('../../src/annotate/ner/tokenize.ts');
  const { documentEvidence } = await import('../../src/annotate/ner/features.ts');
  const shipped = loadNerModel(DEFAULT_MODEL_PATH);
  const everyToken = new NerModel(shipped.data, { scoreEveryToken: true });
  const sample = join(import.meta.dirname, '..', '..', 'examples', 'sample', 'news-sample.jsonl');
  const texts = readFileSync(sample, 'utf8').trim().split('\n').map((line) => JSON.parse(line).text as string);
  texts.push('The Bank of England and Ludwig van Beethoven: in other news the the University of California at Berkeley said so.');
  let sentences = 0;
  let differing = 0;
  for (const text of texts) {
    const tokens = tokenizeCased(text);
    const words = splitSentences(text, tokens).map(([from, to]) => tokens.slice(from, to).map((t) => t.text));
    const evidence = documentEvidence(words);
    for (const sentence of words) {
      sentences++;
      const fast = shipped.predict({ words: sentence, caseless: false, evidence });
      const full = everyToken.predict({ words: sentence, caseless: false, evidence });
      if (fast.join() !== full.join()) differing++;
    }
  }
  process.stdout.write(`# ${differing} of ${sentences} differ\n`);
  assert.ok(sentences > 300, `${sentences} sentences`);
  // The shortcut may only differ where the full model tags an uncapitalised word far from
  // any capital; on real news that is (almost) never.
  assert.ok(differing <= sentences * 0.005, `${differing} of ${sentences} sentences decoded differently`);
  const entities = tagEntities(texts[texts.length - 1]);
  assert.ok(found(entities, 'ORG', 'Bank of England'), JSON.stringify(entities));
  assert.ok(found(entities, 'PERSON', 'Ludwig van Beethoven'), JSON.stringify(entities));
});
