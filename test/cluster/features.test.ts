import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleFeatures, DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { tokenize, splitSentences } from '../../src/text/tokens.ts';

function features(title: string, text: string, params = DEFAULT_CLUSTER_PARAMS, hasCase = true, entities?: string[]) {
  const bodyTokens = tokenize(text);
  return articleFeatures({ titleTokens: tokenize(title), bodyTokens, bodySentences: splitSentences(text, bodyTokens), hasCase, entities }, params);
}

const LONG_TEXT =
  'Firefighters battled a wildfire that spread across dry hills north of the city on Sunday, forcing thousands of residents to leave their homes. ' +
  'Strong winds pushed the flames toward several villages, and officials opened shelters in schools and sports halls. ' +
  'Helicopters dropped water over the ridges while crews cut firebreaks through the forest. ' +
  'Power lines were shut down as a precaution, leaving many neighbourhoods without electricity overnight. ' +
  'Meteorologists expect temperatures to fall and humidity to rise by midweek, which could help contain the blaze.';

test('title terms are weighted above body terms and kept as a separate title vector', () => {
  const f = features('Wildfire forces evacuations', LONG_TEXT);
  assert.deepEqual([...f.title!.keys()].sort(), ['evacu', 'forc', 'wildfir'].sort());
  // "wildfire" is in the title and once in the text; "helicopters" once in the text only.
  assert.ok(f.counts.get('wildfir')! > f.counts.get('helicopt')!);
  assert.ok(!f.counts.has('the') && !f.counts.has('said'), 'stopwords are dropped');
});

test('a site name given as title of a long text is ignored; the lead sentence stands in', () => {
  const f = features('NPR Search : NPR', LONG_TEXT);
  assert.ok(!f.counts.has('npr'), 'site name words do not enter the text vector');
  assert.ok(f.title!.has('firefight') && f.title!.has('wildfir'), 'lead sentence used as the title');
});

test('a short stub text keeps its title: then the title is the content', () => {
  const f = features('China accused of letting oil into North Korea', 'Chat with us in Facebook Messenger. Find out what is happening in the world.');
  assert.ok(f.title!.has('oil') && f.title!.has('korea'));
  assert.ok(f.counts.has('oil'));
});

test('names count only with nameWeight > 0 and only in cased text', () => {
  const text = 'The talks in Geneva ended on Friday. Officials said Geneva would host another round.';
  assert.ok(![...features('', text).counts.keys()].some((k) => k.startsWith('n:')), 'off by default');
  const withNames = { ...DEFAULT_CLUSTER_PARAMS, nameWeight: 1 };
  assert.ok(features('', text, withNames).counts.has('n:geneva'));
  assert.ok(![...features('', text.toLowerCase(), withNames, false).counts.keys()].some((k) => k.startsWith('n:')));
});

test('entities from the tagger become features when given', () => {
  const f = features('Wildfire forces evacuations', LONG_TEXT, DEFAULT_CLUSTER_PARAMS, true, ['PLACE:attica', 'PLACE:attica']);
  assert.ok(f.counts.get('e:PLACE:attica')! > 1, 'two mentions weigh more than one (sublinear)');
});

test('phrase features appear only when bigramWeight > 0', () => {
  assert.ok(![...features('', LONG_TEXT).counts.keys()].some((k) => k.startsWith('b:')));
  const f = features('', LONG_TEXT, { ...DEFAULT_CLUSTER_PARAMS, bigramWeight: 1 });
  assert.ok(f.counts.has('b:firefight_battl'));
});

test('term keys kept on the tokeniser\'s shared word forms give the features computed without them', () => {
  const plain = (tokens: ReturnType<typeof tokenize>) => tokens.map(({ text, lower, start, end }) => ({ text, lower, start, end }));
  const title = "Wildfire's spread: U.S. crews cut firebreaks";
  const text = `${LONG_TEXT} The U.S. Forest Service said the wildfire's spread slowed. 2024 and 999 residents.`;
  const bodyTokens = tokenize(text);
  const input = { titleTokens: tokenize(title), bodyTokens, bodySentences: splitSentences(text, bodyTokens), hasCase: true };
  const withForms = articleFeatures(input);
  assert.ok(bodyTokens.every((t) => t.forms?.termKey !== undefined), 'each word got its key cached');
  const again = articleFeatures(input);
  const withoutForms = articleFeatures({ ...input, titleTokens: plain(input.titleTokens), bodyTokens: plain(bodyTokens) });
  for (const other of [again, withoutForms]) {
    assert.deepEqual([...other.counts].sort(), [...withForms.counts].sort());
    assert.deepEqual([...other.title!].sort(), [...withForms.title!].sort());
  }
  assert.ok(withForms.counts.size > 20 && withForms.title!.size > 3, 'the comparison is over real features');
});
