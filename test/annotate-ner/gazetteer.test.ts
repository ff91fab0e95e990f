import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GAZ_B, GAZ_I, GAZ_L, GAZ_U, GAZETTEER_CATEGORIES, Gazetteer, GazetteerBuilder, keyTokenHash } from '../../src/annotate/ner/gazetteer.ts';

const C = GAZETTEER_CATEGORIES.length;
const cat = (name: string): number => GAZETTEER_CATEGORIES.indexOf(name as (typeof GAZETTEER_CATEGORIES)[number]);

function build(): Gazetteer {
  const builder = new GazetteerBuilder();
  builder.add('Moon Jae-in', 'person');
  builder.add('New York City', 'bigcity');
  builder.add('New York', 'bigcity');
  builder.add('São Paulo', 'bigcity');
  builder.add('UN', 'org');
  const { keys, flags } = builder.toArrays();
  return new Gazetteer(keys, flags);
}

test('phrases match case-, accent- and hyphen-insensitively, longest first', () => {
  const gazetteer = build();
  for (const words of [['Moon', 'Jae-in'], ['moon', 'jae', 'in']]) {
    const codes = gazetteer.annotate(words.map(keyTokenHash));
    const person = words.map((_, i) => codes[i * C + cat('person')]);
    assert.deepEqual(person, words.length === 2 ? [GAZ_B, GAZ_L] : [GAZ_B, GAZ_I, GAZ_L]);
  }
  const city = gazetteer.annotate(['in', 'new', 'york', 'city', 'and', 'sao', 'paulo'].map(keyTokenHash));
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((i) => city[i * C + cat('bigcity')]),
    [0, GAZ_B, GAZ_I, GAZ_L, 0, GAZ_B, GAZ_L],
  );
});

test('short all-capital names go to the acronym category, not their list', () => {
  const codes = build().annotate([keyTokenHash('Un')]);
  assert.equal(codes[cat('acronym')], GAZ_U);
  assert.equal(codes[cat('org')], 0);
});
