import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalKey, linkEntities, type TaggedSpan } from '../../src/annotate/link.ts';
import { repairMentions } from '../../src/annotate/mentions.ts';
import type { EntityType } from '../../src/types.ts';

/** Tag every occurrence of each name in text, in order, as the tagger would. */
function tag(text: string, names: Array<[string, EntityType]>): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  for (const [name, type] of names) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(name, from);
      if (start < 0) break;
      const end = start + name.length;
      from = end;
      if (/\w/.test(text[end] ?? '') || /\w/.test(text[start - 1] ?? '')) continue;
      if (!spans.some((s) => start < s.end && s.start < end)) spans.push({ start, end, text: name, type });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

describe('canonicalKey', () => {
  it('is the same for spelling, hyphenation, case and title variants', () => {
    const key = canonicalKey('Kim Jong Un', 'PERSON');
    for (const variant of ['Kim Jong-un', 'KIM JONG UN', 'kim jong un', 'Mr. Kim Jong Un', 'Kim Jong Un’s']) {
      assert.equal(canonicalKey(variant, 'PERSON'), key, variant);
    }
  });

  it('folds common transliteration variants', () => {
    assert.equal(canonicalKey('Muammar Qaddafi', 'PERSON'), canonicalKey('Muammar Kadhafi', 'PERSON'));
    assert.equal(canonicalKey('Volodymyr Zelenskyy', 'PERSON'), canonicalKey('Volodymyr Zelensky', 'PERSON'));
    assert.equal(canonicalKey('Zoë Müller', 'PERSON'), canonicalKey('Zoe Muller', 'PERSON'));
  });

  it('keeps different people and different types apart', () => {
    assert.notEqual(canonicalKey('Kim Jong Un', 'PERSON'), canonicalKey('Kim Il Sung', 'PERSON'));
    assert.notEqual(canonicalKey('Kim Jong Un', 'PERSON'), canonicalKey('Kim Chang Son', 'PERSON'));
    assert.notEqual(canonicalKey('Washington', 'PERSON'), canonicalKey('Washington', 'PLACE'));
  });

  it('drops company suffixes and a leading article for organisations', () => {
    assert.equal(canonicalKey('Apple Inc.', 'ORG'), canonicalKey('apple', 'ORG'));
    assert.equal(canonicalKey('the Kremlin', 'ORG'), canonicalKey('Kremlin', 'ORG'));
  });
});

describe('linkEntities: within one article', () => {
  const text =
    'North Korean leader Kim Jong Un will meet Vladimir Putin. Kim Chang Son, an aide to Mr Kim, ' +
    'visited Moscow. Putin said Kim Jong-un was welcome. The Soviet Union trained Kim Il Sung. Kim left.';
  const spans = tag(text, [
    ['Kim Jong Un', 'PERSON'],
    ['Kim Jong-un', 'PERSON'],
    ['Vladimir Putin', 'PERSON'],
    ['Kim Chang Son', 'PERSON'],
    ['Kim Il Sung', 'PERSON'],
    ['Mr Kim', 'PERSON'],
    ['Putin', 'PERSON'],
    ['Kim', 'PERSON'],
  ]);
  const linked = linkEntities(spans);
  const canonicalOf = (surface: string, nth = 0): string => linked.filter((e) => e.text === surface)[nth].canonical;

  it('ties every mention of the leader to one canonical full name', () => {
    const leader = canonicalOf('Kim Jong Un');
    assert.equal(leader, 'Kim Jong Un');
    assert.equal(canonicalOf('Kim Jong-un'), leader);
    assert.equal(canonicalOf('Mr Kim'), leader);
    assert.equal(canonicalOf('Kim'), leader);
  });

  it('never merges two different full names sharing a token', () => {
    assert.equal(canonicalOf('Kim Chang Son'), 'Kim Chang Son');
    assert.equal(canonicalOf('Kim Il Sung'), 'Kim Il Sung');
  });

  it('a surname goes to its full name', () => {
    assert.equal(canonicalOf('Putin'), 'Vladimir Putin');
  });

  it('a surname follows the more salient of two compatible full names', () => {
    const t = 'Jane Smith met John Smith. Jane Smith spoke first. Later Smith left.';
    const out = linkEntities(tag(t, [['Jane Smith', 'PERSON'], ['John Smith', 'PERSON'], ['Smith', 'PERSON']]));
    assert.equal(out.find((e) => e.text === 'Smith')!.canonical, 'Jane Smith');
  });

  it('a name with no full form stays its own entity', () => {
    const out = linkEntities(tag('Kono said it was critical.', [['Kono', 'PERSON']]));
    assert.equal(out[0].canonical, 'Kono');
  });

  it('an acronym takes the organisation it abbreviates', () => {
    const t = 'The International Atomic Energy Agency said the IAEA would inspect.';
    const out = linkEntities(tag(t, [['International Atomic Energy Agency', 'ORG'], ['IAEA', 'ORG']]));
    assert.equal(out[1].canonical, 'International Atomic Energy Agency');
  });

  it('two surnames side by side are the two people, not a third one', () => {
    const t = 'Vladimir Putin will host Kim Jong Un. The Putin-Kim summit follows talks with Vladimir Kolokoltsev.';
    const out = linkEntities(tag(t, [['Vladimir Putin', 'PERSON'], ['Kim Jong Un', 'PERSON'], ['Putin-Kim', 'PERSON'], ['Vladimir Kolokoltsev', 'PERSON']]));
    const inSummit = out.filter((e) => e.start >= t.indexOf('Putin-Kim') && e.end <= t.indexOf(' summit'));
    assert.deepEqual(inSummit.map((e) => [e.text, e.canonical]), [['Putin', 'Vladimir Putin'], ['Kim', 'Kim Jong Un']]);
    assert.equal(t.slice(inSummit[1].start, inSummit[1].end), 'Kim');
    // A first name shared with another person does not split a full name.
    assert.ok(out.some((e) => e.text === 'Vladimir Putin' && e.canonical === 'Vladimir Putin'));
    assert.ok(!out.some((e) => e.text === 'Vladimir'));
  });

  it('a two-word name whose first word is nobody\'s surname stays whole', () => {
    // "Kim" starts a full name but ends none, so "Kim Chang" is not two surnames.
    const t = 'Kim Jong Un named Kim Chang his envoy; Chang Wei agreed.';
    const out = linkEntities(tag(t, [['Kim Jong Un', 'PERSON'], ['Kim Chang', 'PERSON'], ['Chang Wei', 'PERSON']]));
    assert.deepEqual(out.filter((e) => e.text.startsWith('Kim C')).map((e) => e.canonical), ['Kim Chang']);
  });

  it('the headline names the full name a text only calls by surname; only text mentions come back', () => {
    const headline = 'Kim Jong Un to meet Vladimir Putin';
    const t = 'Mr Putin will host the North Korean leader. Putin said Kim was welcome.';
    const out = linkEntities(
      tag(t, [['Mr Putin', 'PERSON'], ['Putin', 'PERSON'], ['Kim', 'PERSON']]),
      tag(headline, [['Kim Jong Un', 'PERSON'], ['Vladimir Putin', 'PERSON']]),
    );
    assert.deepEqual(out.map((e) => [e.text, e.canonical]), [['Mr Putin', 'Vladimir Putin'], ['Putin', 'Vladimir Putin'], ['Kim', 'Kim Jong Un']]);
    for (const e of out) assert.equal(t.slice(e.start, e.end), e.text);
    // Without the headline, the surnames stay as written.
    assert.equal(linkEntities(tag(t, [['Putin', 'PERSON']]))[0].canonical, 'Putin');
  });

  it('title-cases names from caseless text', () => {
    const out = linkEntities(tag('mr putin met kim jong un', [['kim jong un', 'PERSON'], ['mr putin', 'PERSON']]));
    assert.deepEqual(out.map((e) => e.canonical), ['Putin', 'Kim Jong Un']);
  });
});

describe('repairMentions', () => {
  it('joins a name the tagger split before a short syllable', () => {
    const text = 'leader kim jong un will seek';
    const repaired = repairMentions(text, [
      { start: 7, end: 15, text: 'kim jong', type: 'PERSON' },
      { start: 16, end: 18, text: 'un', type: 'ORG' },
    ]);
    assert.deepEqual(repaired.map((m) => [m.text, m.type]), [['kim jong un', 'PERSON']]);
  });

  it('extends a name cut at a hyphen', () => {
    const text = 'Kim Jong-un oversaw it';
    const repaired = repairMentions(text, [{ start: 0, end: 8, text: 'Kim Jong', type: 'PERSON' }]);
    assert.equal(repaired[0].text, 'Kim Jong-un');
  });

  it('adds untagged "mr X" mentions of people the article names', () => {
    const text = 'kim jong un arrived and mr kim spoke while mr smith waited';
    const repaired = repairMentions(text, [{ start: 0, end: 11, text: 'kim jong un', type: 'PERSON' }]);
    assert.deepEqual(repaired.map((m) => m.text), ['kim jong un', 'mr kim']);
  });
});
