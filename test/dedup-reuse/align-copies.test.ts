import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalise } from '../../src/dedup/canonical.ts';
import { alignPassages } from '../../src/dedup/align.ts';
import { compareForCopy, copyDirection, directionInput, findCopyLinks, initCopyDetection } from '../../src/dedup/copies.ts';
import { Spinner, seededRandom, splitSentences } from '../../src/eval/spin-generator.ts';
import { longestVerbatimRun, WIRE_REUSE_RUN } from '../../src/eval/spin-generator-eval.ts';
import { newsCluster, type NewsArticle } from './fixtures.ts';

let spinner: Spinner;
let article: NewsArticle;
let other: NewsArticle;

before(async () => {
  await initCopyDetection();
  spinner = new Spinner();
  const articles = newsCluster();
  // A plain-prose article of a few paragraphs, and one from another event.
  article = articles.find((a) => a.text.split('\n').length >= 8 && a.text.length > 3000 && (a.text.match(/["“]/g) ?? []).length < 6)!;
  other = articles.find((a) => a.event !== article.event && a.text.length > 2000)!;
});

const wordCount = (t: string) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length;

describe('alignPassages', () => {
  it('finds nothing between unrelated articles', () => {
    assert.deepEqual(alignPassages(canonicalise(article.text), canonicalise(other.text)), []);
  });

  it('points its spans at the reused text in both documents', () => {
    const paragraphs = article.text.split('\n').filter((p) => p.trim());
    const copy = `${other.text.split('\n')[0]}\n${paragraphs[3]}\n${paragraphs[1]}`;
    const passages = alignPassages(canonicalise(copy), canonicalise(article.text));
    assert.ok(passages.length >= 2);
    for (const p of passages) {
      const inCopy = copy.slice(p.aStart, p.aEnd);
      const inSource = article.text.slice(p.bStart, p.bEnd);
      assert.ok(article.text.includes(inCopy) || inCopy.length > 0.8 * inSource.length, 'spans cover matching text');
      assert.ok(inSource.length > 20);
    }
    // Reordered: the passage from paragraph 3 comes first in the copy, later in the source.
    assert.ok(passages[0].bStart > passages[passages.length - 1].bStart);
  });
});

describe('compareForCopy', () => {
  it('detects a heavily spun copy (50 % of content words) and flags it as spun', () => {
    const { text: spun, achieved } = spinner.spin(article.text, 0.5, seededRandom(7));
    assert.ok(achieved > 0.3, `spinner substituted ${achieved}`);
    const d = compareForCopy(canonicalise(spun), canonicalise(article.text));
    assert.ok(d.isCopy);
    assert.ok(d.spun);
    assert.ok(d.shareOfA > 0.8, `share of the spun copy ${d.shareOfA}`);
  });

  it('detects reordered paragraphs with dropped sentences', () => {
    const paragraphs = article.text.split('\n').filter((p) => p.trim());
    const rewritten = paragraphs
      .reverse()
      .map((p) => splitSentences(p).filter((_, i) => i % 3 !== 1).join(' '))
      .join('\n\n');
    const d = compareForCopy(canonicalise(rewritten), canonicalise(article.text));
    assert.ok(d.isCopy);
    assert.ok(!d.spun);
    assert.ok(d.shareOfA > 0.9, `share ${d.shareOfA}`);
    assert.ok(d.shareOfB < 0.95 && d.shareOfB > 0.5, `source share ${d.shareOfB}`);
  });

  it('measures the share of a partial copy mixed with own text', () => {
    const paragraphs = article.text.split('\n').filter((p) => p.trim());
    const reused = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.4));
    const own = other.text.split('\n').filter((p) => p.trim()).slice(0, 4);
    const copy = [own[0], ...reused, ...own.slice(1)].join('\n');
    const truth = reused.reduce((n, p) => n + wordCount(p), 0) / wordCount(copy);
    const d = compareForCopy(canonicalise(copy), canonicalise(article.text));
    assert.ok(d.isCopy);
    assert.ok(Math.abs(d.shareOfA - truth) < 0.1, `share ${d.shareOfA} vs true ${truth}`);
  });

  it('does not link same-event articles of different publishers that share no prose', () => {
    const articles = newsCluster();
    const canon = new Map(articles.map((a) => [a.id, canonicalise(a.text)]));
    let pairs = 0;
    let flagged = 0;
    for (let i = 0; i < articles.length; i++) {
      for (let j = i + 1; j < articles.length; j++) {
        const x = articles[i];
        const y = articles[j];
        if (x.event !== y.event || x.source === y.source) continue;
        const cx = canon.get(x.id)!;
        const cy = canon.get(y.id)!;
        if (longestVerbatimRun(cx, cy) >= WIRE_REUSE_RUN) continue; // wire copy: real reuse
        pairs++;
        if (compareForCopy(cx, cy).isCopy) flagged++;
      }
    }
    assert.ok(pairs > 800);
    // The few flagged are a real spun copy (tecake.in) and an edited wire story.
    assert.ok(flagged / pairs <= 0.005, `${flagged}/${pairs} hard negatives flagged`);
  });
});

describe('copyDirection', () => {
  it('follows publication time when the times differ', () => {
    const copy = directionInput(article.text, '2030-01-02T00:00:00Z');
    const source = directionInput(article.text, '2030-01-01T00:00:00Z');
    assert.equal(copyDirection(copy, source), 'a-from-b');
    assert.equal(copyDirection(source, copy), 'b-from-a');
  });

  it('at a tie, takes the spun text for the copy', () => {
    const { text: spun } = spinner.spin(article.text, 0.3, seededRandom(11));
    const copy = directionInput(spun, article.published);
    const source = directionInput(article.text, article.published);
    assert.equal(copyDirection(copy, source), 'a-from-b');
    assert.equal(copyDirection(source, copy), 'b-from-a');
  });

  it('without times, takes the text made of the other one\'s passages for the copy', () => {
    const paragraphs = article.text.split('\n').filter((p) => p.trim());
    const partial = paragraphs.slice(2, 5).join('\n');
    const copy = directionInput(partial, null);
    const source = directionInput(article.text, null);
    assert.equal(copyDirection(copy, source), 'a-from-b');
    assert.equal(copyDirection(source, copy), 'b-from-a');
  });
});

describe('findCopyLinks', () => {
  it('orients each link from copy to source, evidence offsets included', () => {
    const paragraphs = article.text.split('\n').filter((p) => p.trim());
    const copyText = paragraphs.slice(0, 4).join('\n');
    const source = { id: 'src', ...directionInput(article.text, '2030-01-01T00:00:00Z') };
    const copy = { id: 'copy', ...directionInput(copyText, '2030-01-03T00:00:00Z') };
    const unrelated = { id: 'other', ...directionInput(other.text, '2030-01-02T00:00:00Z') };
    // The source arrives after its copy: the link is still copy → source.
    const links = findCopyLinks(source, [copy, unrelated]);
    assert.equal(links.length, 1);
    assert.equal(links[0].copyId, 'copy');
    assert.equal(links[0].sourceId, 'src');
    assert.ok(links[0].share > 0.9);
    for (const p of links[0].passages) {
      assert.ok(p.aEnd <= copyText.length);
      assert.equal(copyText.slice(p.aStart, p.aStart + 20), article.text.slice(p.bStart, p.bStart + 20));
    }
  });
});
