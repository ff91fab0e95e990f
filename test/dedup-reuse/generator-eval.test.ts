import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initCopyDetection } from '../../src/dedup/copies.ts';
import { Spinner, generateCopySet, partialCopy, seededRandom, type GeneratedArticle } from '../../src/eval/spin-generator.ts';
import { evaluateCopySet } from '../../src/eval/spin-generator-eval.ts';
import { newsCluster } from './fixtures.ts';

const SMALL = { seed: 3, spinRates: [0.3, 0.5], spunPerRate: 6, partialCopies: 8, exactCopies: 4, donorArticles: 12 };

let spinner: Spinner;
let set: GeneratedArticle[];

before(async () => {
  await initCopyDetection();
  spinner = new Spinner();
  set = generateCopySet(newsCluster(), SMALL, spinner);
});

const words = (t: string) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length;

describe('copy set generator', () => {
  it('is reproducible for a seed and keeps every original but the held-out donors', () => {
    const tiny = { ...SMALL, spinRates: [0.4], spunPerRate: 2, partialCopies: 2, exactCopies: 1 };
    const once = generateCopySet(newsCluster(), tiny, spinner);
    const again = generateCopySet(newsCluster(), tiny, spinner);
    assert.deepEqual(again.map((a) => a.id), once.map((a) => a.id));
    assert.deepEqual(again.map((a) => a.text), once.map((a) => a.text));
    const copies = set.filter((a) => a.copy);
    assert.equal(copies.length, 2 * 6 + 8 + 4);
    const originals = set.length - copies.length;
    assert.ok(originals >= newsCluster().length - 25 && originals < newsCluster().length);
    // Each original is copied at most once, never a donor.
    const sources = copies.map((c) => c.copy!.sourceId);
    assert.equal(new Set(sources).size, sources.length);
    const ids = new Set(set.map((a) => a.id));
    for (const s of sources) assert.ok(ids.has(s));
  });

  it('substitutes about the requested share of content words', () => {
    for (const c of set.filter((a) => a.copy?.kind === 'spun')) {
      assert.ok(c.copy!.achievedSubstitution! >= c.copy!.substitutionRate! * 0.6, `${c.copy!.achievedSubstitution} for ${c.copy!.substitutionRate}`);
    }
  });

  it('builds partial copies from 30-70 % of the paragraphs plus own text', () => {
    const source = newsCluster().find((a) => a.text.split('\n').length >= 10)!;
    const own = ['An editor at the copying site wrote this paragraph about something else entirely, at some length.'];
    const p = partialCopy(source.text, own, seededRandom(2));
    assert.ok(p.reusedWords / p.sourceWords > 0.15 && p.reusedWords / p.sourceWords < 0.75, `${p.reusedWords}/${p.sourceWords}`);
    assert.equal(p.totalWords, p.reusedWords + words(own[0]));
    assert.ok(p.text.includes(own[0]));
  });
});

describe('copy detection on a generated set', () => {
  it('finds the copies, keeps the direction and the share, and links no hard negatives', () => {
    const r = evaluateCopySet(set);
    const found = Object.values(r.recall).reduce((n, v) => n + v.found, 0);
    const total = Object.values(r.recall).reduce((n, v) => n + v.total, 0);
    assert.ok(found / total >= 0.95, `recall ${found}/${total}`);
    assert.ok(r.hardNegativeFalseLinks / r.hardNegativePairs <= 0.005, `${r.hardNegativeFalseLinks}/${r.hardNegativePairs}`);
    assert.ok(r.direction.right / r.direction.total >= 0.95, `direction ${r.direction.right}/${r.direction.total}`);
    assert.ok(r.shareError.sum / r.shareError.count <= 0.1);
    assert.ok(r.meanCandidatesPerArticle < 6);
  });
});
