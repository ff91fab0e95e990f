import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldPlaceName, loadGazetteer } from '../../src/annotate/gazetteer.ts';
import { resolvePlaces, type PlaceCandidate } from '../../src/annotate/places.ts';

function spans(text: string, names: Array<[string, PlaceCandidate['type']]>): PlaceCandidate[] {
  const out: PlaceCandidate[] = [];
  for (const [name, type] of names) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(name, from);
      if (start < 0) break;
      from = start + name.length;
      // Whole words only: "Russia" inside "Russian" is not a mention.
      if (/\w/.test(text[start + name.length] ?? '') || /\w/.test(text[start - 1] ?? '')) continue;
      out.push({ start, end: start + name.length, text: name, type });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function placeOf(text: string, names: Array<[string, PlaceCandidate['type']]>, surface: string) {
  const found = resolvePlaces(text, spans(text, names)).find((p) => p.text === surface);
  assert.ok(found, `no place for ${surface}`);
  return found;
}

describe('gazetteer', () => {
  it('loads within a second and folds names', () => {
    const started = Date.now();
    const gazetteer = loadGazetteer();
    assert.ok(Date.now() - started < 5000);
    assert.ok(gazetteer.size > 100_000);
    assert.equal(foldPlaceName('the U.S.'), 'us');
    assert.equal(foldPlaceName('u s'), 'us');
    assert.equal(foldPlaceName('Québec'), 'quebec');
  });
});

describe('resolvePlaces', () => {
  it('places Vladivostok near 43.1N 131.9E', () => {
    const p = placeOf('They will meet in Vladivostok.', [['Vladivostok', 'PLACE']], 'Vladivostok');
    assert.equal(p.country, 'RU');
    assert.ok(Math.abs(p.lat! - 43.1) < 0.2 && Math.abs(p.lon! - 131.9) < 0.2, `${p.lat},${p.lon}`);
  });

  it('Paris alone is the French capital', () => {
    const p = placeOf('Leaders gathered in Paris.', [['Paris', 'PLACE']], 'Paris');
    assert.equal(p.country, 'FR');
    assert.ok(Math.abs(p.lat! - 48.85) < 0.2);
  });

  it('Paris in a Texas story is Paris, Texas', () => {
    const text = 'Storms hit Texas on Sunday. In Paris, the school was closed.';
    const p = placeOf(text, [['Texas', 'PLACE'], ['Paris', 'PLACE']], 'Paris');
    assert.equal(p.country, 'US');
    assert.ok(Math.abs(p.lat! - 33.66) < 0.2 && Math.abs(p.lon! + 95.56) < 0.2, `${p.lat},${p.lon}`);
  });

  it('an apposition settles it even without other evidence', () => {
    const p = placeOf('He was born in Paris, Texas.', [['Paris', 'PLACE'], ['Texas', 'PLACE']], 'Paris');
    assert.equal(p.country, 'US');
  });

  it('the countries an article names (even as demonyms) pick among namesakes', () => {
    // Several towns are called Moscow; an article about Russia means the Russian one.
    const p = placeOf('Russian officials met in Moscow.', [['Moscow', 'PLACE']], 'Moscow');
    assert.equal(p.country, 'RU');
  });

  it('demonyms tagged as places are not geocoded; countries are', () => {
    const text = 'Russian officials said Russia would respond.';
    const places = resolvePlaces(text, spans(text, [['Russian', 'PLACE'], ['Russia', 'PLACE']]));
    assert.deepEqual(places.map((p) => [p.text, p.name, p.country]), [['Russia', 'Russia', 'RU']]);
  });

  it('a seat of power tagged as an organisation is placed at its city', () => {
    const p = placeOf('The Kremlin said no date was set.', [['Kremlin', 'ORG']], 'Kremlin');
    assert.equal(p.name, 'Moscow');
    assert.equal(p.country, 'RU');
  });

  it('ordinary organisations are not places', () => {
    const text = 'Apple said sales rose.';
    assert.deepEqual(resolvePlaces(text, spans(text, [['Apple', 'ORG']])), []);
  });

  it('junk alternate names and common words are not geocoded', () => {
    // GeoNames lists "Google" among Topeka's alternate names, and has a hamlet called Earth.
    const text = 'Google said Earth was warming.';
    const places = resolvePlaces(text, spans(text, [['Google', 'PLACE'], ['Earth', 'PLACE']]));
    assert.deepEqual(places.map((p) => [p.text, p.lat]), [['Google', null], ['Earth', null]]);
  });

  it('a well-known exonym (an alternate name of a big city) still resolves', () => {
    const p = placeOf('Police in Cologne said.', [['Cologne', 'PLACE']], 'Cologne');
    assert.equal(p.country, 'DE');
  });

  it('unknown places are kept with null coordinates', () => {
    const p = placeOf('Fighting spread to Xqzvillebrook.', [['Xqzvillebrook', 'PLACE']], 'Xqzvillebrook');
    assert.deepEqual([p.name, p.lat, p.lon, p.country], ['Xqzvillebrook', null, null, null]);
  });

  it('country variants and caseless initials resolve to the country', () => {
    const text = 'the u s and the Russian Federation';
    const places = resolvePlaces(text, spans(text, [['u s', 'PLACE'], ['Russian Federation', 'PLACE']]));
    assert.deepEqual(places.map((p) => p.country), ['US', 'RU']);
  });
});
