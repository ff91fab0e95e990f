import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { annotateText } from '../../src/annotate/index.ts';
import { canonicalKey } from '../../src/annotate/link.ts';
import { DEFAULT_MODEL_PATH } from '../../src/annotate/ner/index.ts';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const LOWERCASED = 'seeds/000_0fbb9887d98a567f.txt';
const SPUN = 'seeds/001_66de9ed15ed23a7d.txt';
const haveModel = existsSync(DEFAULT_MODEL_PATH);
const haveSeeds = existsSync(SEEDS);
const skip = !haveModel ? 'NER model not built (models/ner.bin.gz)' : !haveSeeds ? 'shared/seeds not present' : false;

function seed(name: string): string {
  return readFileSync(SEEDS + name.replace('seeds/', ''), 'utf8');
}

describe('annotateText on the seed articles (published 2019-04-16)', { skip }, () => {
  for (const name of [LOWERCASED, SPUN]) {
    it(`${name}: Vladivostok near 43.1N 131.9E, "next week" = 2019-W17`, () => {
      const a = annotateText(seed(name), { published: '2019-04-16' });
      const vladivostok = a.places.filter((p) => p.text.toLowerCase() === 'vladivostok');
      assert.ok(vladivostok.length > 0, 'Vladivostok found');
      for (const p of vladivostok) {
        assert.ok(Math.abs(p.lat! - 43.1) < 0.2 && Math.abs(p.lon! - 131.9) < 0.2, `${p.lat},${p.lon}`);
      }
      const nextWeek = a.dates.filter((d) => d.text.toLowerCase() === 'next week');
      assert.ok(nextWeek.length > 0);
      for (const d of nextWeek) assert.equal(d.value, '2019-W17');
      // "Russian" is an adjective here, never a place.
      assert.ok(!a.places.some((p) => /^russian$/i.test(p.text)));
    });

    it(`${name}: every Kim Jong Un mention is one entity, apart from the other Kims`, () => {
      const a = annotateText(seed(name), { published: '2019-04-16' });
      const kims = a.entities.filter((e) => e.type === 'PERSON' && /\bkim\b|jong/i.test(e.text));
      const leaderKey = canonicalKey('Kim Jong Un', 'PERSON');
      const leader = kims.filter((e) => canonicalKey(e.canonical, 'PERSON') === leaderKey);
      // Bare "Kim" / "Mr Kim" mentions exist in both seeds and must all go to the leader.
      const bare = kims.filter((e) => /^(mr\.? )?kim$/i.test(e.text));
      assert.ok(bare.length >= 2, `bare Kim mentions: ${bare.map((e) => e.text)}`);
      for (const e of bare) assert.equal(canonicalKey(e.canonical, 'PERSON'), leaderKey, `${e.text} → ${e.canonical}`);
      assert.ok(leader.length >= 3);
      for (const other of ['Kim Il Sung', 'Kim Chang Son', 'Kim Chang']) {
        const mentions = a.entities.filter((e) => e.text.toLowerCase() === other.toLowerCase());
        for (const e of mentions) assert.notEqual(canonicalKey(e.canonical, 'PERSON'), leaderKey, e.text);
      }
    });
  }

  it(`${SPUN}: "April 25-27" is the range 2019-04-25/2019-04-27`, () => {
    const a = annotateText(seed(SPUN), { published: '2019-04-16' });
    assert.equal(a.dates.find((d) => d.text === 'April 25-27')?.value, '2019-04-25/2019-04-27');
  });

  it('masked boilerplate yields nothing', () => {
    const text = seed(SPUN);
    const start = text.indexOf('More news:');
    const end = text.indexOf('\n', start);
    const a = annotateText(text, { published: '2019-04-16', mask: [{ start, end }] });
    for (const list of [a.entities, a.places, a.dates]) {
      assert.ok(!list.some((m) => m.start < end && start < m.end));
    }
  });
});

describe('annotateText with a given tagger', () => {
  it('joins entities, places and dates with UTF-16 offsets', () => {
    const text = 'Mr Kim met Vladimir Putin in Vladivostok next week, the Kremlin said. Kim Jong Un left.';
    const at = (s: string): { start: number; end: number; text: string } => {
      const start = text.indexOf(s);
      return { start, end: start + s.length, text: s };
    };
    const a = annotateText(text, {
      published: '2019-04-16',
      tagger: () => [
        { ...at('Mr Kim'), type: 'PERSON' },
        { ...at('Vladimir Putin'), type: 'PERSON' },
        { ...at('Vladivostok'), type: 'PLACE' },
        { ...at('Kremlin'), type: 'ORG' },
        { ...at('Kim Jong Un'), type: 'PERSON' },
      ],
    });
    assert.equal(a.entities[0].canonical, 'Kim Jong Un');
    assert.deepEqual(a.places.map((p) => [p.text, p.name, p.country]), [
      ['Vladivostok', 'Vladivostok', 'RU'],
      ['Kremlin', 'Moscow', 'RU'],
    ]);
    assert.deepEqual(a.dates.map((d) => [text.slice(d.start, d.end), d.value]), [['next week', '2019-W17']]);
  });
});

describe('storyline annotate (CLI)', { skip: haveModel ? false : 'NER model not built' }, () => {
  it('annotates each line and names a bad line without stopping', () => {
    const bin = fileURLToPath(new URL('../../bin/storyline.js', import.meta.url));
    const input = [
      JSON.stringify({ id: 'a', text: 'They will meet in Vladivostok next week.', published: '2019-04-16' }),
      '{oops',
      JSON.stringify({ id: 'b', text: 'Talks were held on April 25-27.', published: '2019-04-16' }),
    ].join('\n');
    const run = spawnSync(process.execPath, [bin, 'annotate', '-'], { input, encoding: 'utf8' });
    assert.match(run.stderr, /<stdin>:2: error: invalid JSON/);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), ['a', 'b']);
    assert.deepEqual(lines[0].places.map((p: { name: string }) => p.name), ['Vladivostok']);
    assert.deepEqual(lines[0].dates, [{ start: 30, end: 39, text: 'next week', value: '2019-W17' }]);
    assert.equal(lines[1].dates[0].value, '2019-04-25/2019-04-27');
    assert.equal(run.status, 1);
  });
});
