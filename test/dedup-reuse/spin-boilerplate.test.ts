import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initCopyDetection, canonicalise } from '../../src/dedup/copies.ts';
import { alignPassages } from '../../src/dedup/align.ts';
import { isArticleError, isSwappedCollocation, spinScore, spinSignals } from '../../src/dedup/spin.ts';
import { boilerplateLineHash, boilerplateLineKeys, findBoilerplate, findTemplateLines, maskBoilerplate, normaliseLine, normaliseLineByPattern } from '../../src/dedup/boilerplate.ts';
import { Spinner, seededRandom } from '../../src/eval/spin-generator.ts';
import { newsCluster, seed } from './fixtures.ts';

before(async () => {
  await initCopyDetection();
});

describe('spinScore', () => {
  it('scores the spun seed 001 above every (unspun) news_cluster article', () => {
    const spun = spinScore(seed('001'));
    let highest = 0;
    for (const a of newsCluster()) highest = Math.max(highest, spinScore(a.text));
    assert.ok(spun > highest, `seed 001 ${spun.toFixed(3)} vs highest article ${highest.toFixed(3)}`);
  });

  it('sees the spinner traces in seed 001', () => {
    const s = spinSignals(seed('001'));
    assert.ok(s.articleErrors >= 2, 'an global forum, twice');
    assert.ok(s.inflatedAliases >= 1, 'Russian Federation');
  });

  it('checks a/an against the sound of the next word', () => {
    assert.ok(isArticleError('an', 'global', 'global'));
    assert.ok(isArticleError('a', 'international', 'international'));
    assert.ok(!isArticleError('an', 'unidentified', 'unidentified'));
    assert.ok(!isArticleError('a', 'university', 'university'));
    assert.ok(!isArticleError('an', 'hour', 'hour'));
    assert.ok(!isArticleError('an', 'fbi', 'FBI'));
  });

  it('recognises a collocation broken by a synonym swap', () => {
    assert.ok(isSwappedCollocation('worldwide', 'community'));
    assert.ok(!isSwappedCollocation('international', 'community'));
  });

  it('against an aligned original, rises with the substitution rate', () => {
    const original = newsCluster().find((a) => a.text.length > 3000)!.text;
    const spinner = new Spinner();
    const scores = [0.1, 0.4].map((rate) => {
      const { text } = spinner.spin(original, rate, seededRandom(5));
      const passages = alignPassages(canonicalise(text), canonicalise(original));
      return spinScore(text, { original, passages });
    });
    assert.ok(scores[1] > scores[0], `${scores}`);
    assert.ok(scores[1] > 0.8);
    const self = spinScore(original, { original, passages: alignPassages(canonicalise(original), canonicalise(original)) });
    assert.ok(self < 0.3, `an exact copy is not spun (${self})`);
  });
});

describe('findBoilerplate', () => {
  it('normalises lines with a scanner that gives what the defining pattern gives', () => {
    const tricky = [
      '“Quoted” — dashes – and ‘curly’ apostrophes’', 'İstanbul ẞtraße ΣΊΣΥΦΟΣ', '𝐀𝐁𝐂 math, 😀 emoji, 𠜎 CJK', 'lone \ud800 high \udc00 low',
      'e\u0301 combining marks split words', '١٢٣ digits ٤٥', '  leading and trailing  ', 'one', '', '---', 'a1b2 c3_d4',
    ];
    const lines = newsCluster().flatMap((a) => a.text.split('\n'));
    for (const line of [...tricky, ...lines, ...seed('000').split('\n'), ...seed('001').split('\n')]) {
      assert.equal(normaliseLine(line), normaliseLineByPattern(line), line.slice(0, 60));
    }
    assert.equal(normaliseLine('  Sign-up  for “Updates”! '), 'sign up for updates');
  });

  it('keys the lines of two or more words by their line hashes, computed without the normalised string', () => {
    const texts = [
      ...newsCluster().slice(0, 300).map((a) => a.text),
      seed('000'),
      '“Quoted” — dashes\nİstanbul ẞtraße ΣΊΣΥΦΟΣ\n𝐀𝐁𝐂 math, 😀 emoji\none\n---\ne\u0301 split\n  Sign-up  for “Updates”! \nSign up for updates',
    ];
    for (const text of texts) {
      const expected = new Set(text.split('\n').filter((line) => normaliseLineByPattern(line).includes(' ')).map(boilerplateLineHash));
      assert.deepEqual(new Set(boilerplateLineKeys(text)), expected, text.slice(0, 60));
    }
    // Two spellings of one line are one key; a one-word line has none.
    assert.deepEqual(boilerplateLineKeys('Sign-up for “Updates”!\nsign up for updates\nAlone'), [boilerplateLineHash('sign up for updates')]);
  });

  it('finds template lines alone exactly as the whole pass finds them', () => {
    // Counts that vary by line: about a third of the lines are seen twice or more elsewhere.
    const seen = (hash: string) => parseInt(hash.slice(0, 2), 16) % 3;
    const texts = [
      ...newsCluster().slice(0, 200).map((a) => a.text),
      'Related:\nA headline that was seen\nMore news: one, two\nBy Staff Reporter\n\nThe body of the article goes on here.',
    ];
    let templates = 0;
    for (const text of texts) {
      const whole = findBoilerplate(text, { lineSeenElsewhere: seen }).filter((s) => s.kind === 'template');
      assert.deepEqual(findTemplateLines(text, { lineSeenElsewhere: seen }), whole);
      templates += whole.length;
    }
    assert.ok(templates > 50, `the comparison covers template lines (${templates})`);
    assert.deepEqual(findTemplateLines('Two words\nand more words', {}), [], 'no counts, no templates');
  });

  it('finds the "top stories" list pasted mid-paragraph in degraded seed 000', () => {
    const text = seed('000');
    const lists = findBoilerplate(text).filter((s) => s.kind === 'link-list');
    assert.equal(lists.length, 1);
    const list = text.slice(lists[0].start, lists[0].end);
    assert.ok(list.startsWith('top stories trump withdraws nomination'));
    assert.ok(list.endsWith('illegal aliens'), list);
  });

  it('finds the "More news:" line in seed 001 and nothing else', () => {
    const text = seed('001');
    const spans = findBoilerplate(text);
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0].start, spans[0].end), 'More news: The Full Mueller Report Was Just Released. Read It Here');
  });

  it('cuts an injected list in other degraded text at the point the topic resumes', () => {
    const article =
      'the city council voted on tuesday to close the old harbour bridge for repairs after engineers found cracks in two of its steel girders the bridge carries ' +
      'twelve thousand cars a day and the council said the repairs would take at least four months ';
    const list = 'read more celebrity chef opens vegan bakery in paris stock markets rally as oil prices slump ';
    const rest = 'engineers said the cracks in the girders were caused by corrosion and that the bridge was not in danger of collapse but the council decided to close the bridge as a precaution';
    const text = article + list + rest;
    const spans = findBoilerplate(text);
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0].start, spans[0].end), list.trim());
  });

  it('leaves ordinary prose that mentions a trigger alone', () => {
    const text = 'Related to the storm, officials said schools would close.\nShe said people should read more about the risks before travelling, and the top stories of the week were all about the weather.';
    assert.deepEqual(findBoilerplate(text), []);
  });

  it('marks lines the source repeats across its articles as template', () => {
    const text = 'Storm closes schools across the county.\nFollow our live coverage on the app and website.\nOfficials said the closures would last two days.';
    const seen = new Set([boilerplateLineHash('follow our live coverage on the app and website')]);
    const spans = findBoilerplate(text, { lineSeenElsewhere: (h) => (seen.has(h) ? 5 : 0) });
    assert.deepEqual(spans.map((s) => [text.slice(s.start, s.end), s.kind]), [['Follow our live coverage on the app and website.', 'template']]);
  });

  it('masks boilerplate without moving offsets', () => {
    const text = seed('001');
    const masked = maskBoilerplate(text, findBoilerplate(text));
    assert.equal(masked.length, text.length);
    assert.ok(!masked.includes('More news'));
    assert.ok(masked.includes('Kim Jong Un to meet'));
  });
});
