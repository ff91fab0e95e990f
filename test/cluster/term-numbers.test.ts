import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { OnlineClusterer, type ClusterArticle } from '../../src/cluster/online.ts';
import { articleFeatures, DEFAULT_CLUSTER_PARAMS, type ArticleFeatures, type FeatureInput } from '../../src/cluster/features.ts';
import { splitSentences, tokenize } from '../../src/text/tokens.ts';
import { hasCaseInformation } from '../../src/text/normalise.ts';
import { TermNumbers, TermSpace } from '../../src/cluster/term-numbers.ts';
import { makeArticle } from './helpers.ts';
import { ROOT } from '../helpers.ts';

function sampleArticles() {
  return fs
    .readFileSync(path.join(ROOT, 'examples/sample/news-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      const r = JSON.parse(line) as { id: string; title?: string; text: string; published?: string; source?: string };
      return makeArticle(`${r.id}-${i}`, r.title ?? null, r.text, { published: r.published ?? null, source: r.source });
    });
}

test('features numbered by workers cluster exactly as the same features given as term maps', () => {
  // The sample twice, the second pass reversed: stories grow and articles join them.
  const articles = [...sampleArticles(), ...sampleArticles().reverse()];
  const byMaps = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  const byNumbers = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  // Two workers, chunks of five handed out in turn; each posts its new terms with the chunk.
  const workers = [0, 1].map(() => ({ numbers: new TermNumbers(), space: new TermSpace() }));
  const numbered: ClusterArticle[] = [];
  for (let at = 0, chunk = 0; at < articles.length; at += 5, chunk++) {
    const worker = workers[chunk % 2];
    const part = articles.slice(at, at + 5).map((a) => ({ ...a, features: worker.numbers.numberFeatures(a.features as ArticleFeatures) }));
    worker.space.extend(worker.numbers.takeNew());
    for (const a of part) numbered.push({ ...a, features: { ...a.features, space: worker.space } });
  }
  let joins = 0;
  articles.forEach((article, i) => {
    const expected = byMaps.assign(article);
    assert.deepEqual(byNumbers.assign(numbered[i]), expected, article.id);
    if (!expected.isNew) joins++;
  });
  assert.ok(joins > articles.length / 2, `articles joined stories (${joins} of ${articles.length})`);
  assert.deepEqual(byNumbers.vocabulary.observed(), byMaps.vocabulary.observed());
  assert.deepEqual([...byNumbers.stories.values()].map((s) => s.label), [...byMaps.stories.values()].map((s) => s.label));
});

test('a term number that arrives before its term is an error, not a wrong term', () => {
  const numbers = new TermNumbers();
  const features = numbers.numberFeatures({ counts: new Map([['quake', 2], ['chile', 1]]), title: new Map([['quake', 1]]) });
  assert.deepEqual([...features.numbers], [0, 1]);
  assert.deepEqual([...features.titleNumbers], [0], 'a term keeps its number');
  assert.deepEqual(numbers.takeNew(), ['quake', 'chile']);
  assert.deepEqual(numbers.takeNew(), [], 'each term is posted once');
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  assert.throws(() => c.assign({ id: 'x', title: null, source: null, publishedMs: null, features: { ...features, space: new TermSpace() } }), /before its term/);
  assert.throws(() => c.assign({ id: 'y', title: null, source: null, publishedMs: null, features }), /without their term space/);
});

test('features built with numbers are the term-map features numbered: same terms, order and weights', () => {
  const records = fs
    .readFileSync(path.join(ROOT, 'examples/sample/news-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { title?: string; text: string });
  const inputs: FeatureInput[] = records.map((r, i) => {
    const bodyTokens = tokenize(r.text);
    // Every kind of feature: terms, phrases, names and entities.
    return { titleTokens: tokenize(r.title ?? ''), bodyTokens, bodySentences: splitSentences(r.text, bodyTokens), hasCase: hasCaseInformation(r.text), entities: [`PERSON:someone ${i % 3}`] };
  });
  const params = { ...DEFAULT_CLUSTER_PARAMS, bigramWeight: 0.5, nameWeight: 0.5 };
  const direct = new TermNumbers();
  const mapped = new TermNumbers();
  const directTerms: string[] = [];
  const mappedTerms: string[] = [];
  const asTerms = (numbers: Int32Array, weights: Float64Array, terms: string[]) => [...numbers].map((n, i) => [terms[n], weights[i]]);
  // Twice over: the second pass reads the numbers kept on the words' shared forms.
  for (const input of [...inputs, ...inputs]) {
    const expected = articleFeatures(input, params);
    const byNumbers = direct.features(input, params);
    directTerms.push(...direct.takeNew());
    const byMaps = mapped.numberFeatures(expected);
    mappedTerms.push(...mapped.takeNew());
    assert.deepEqual(asTerms(byNumbers.numbers, byNumbers.weights, directTerms), [...expected.counts]);
    assert.deepEqual(asTerms(byNumbers.titleNumbers, byNumbers.titleWeights, directTerms), [...expected.title!]);
    assert.deepEqual(asTerms(byMaps.numbers, byMaps.weights, mappedTerms), [...expected.counts]);
  }
  assert.ok(directTerms.some((t) => t.startsWith('b:')) && directTerms.some((t) => t.startsWith('n:')) && directTerms.some((t) => t.startsWith('e:')));
  assert.equal(new Set(directTerms).size, directTerms.length, 'each term numbered once');
  // Another instance numbers on its own (the forms keep the first one's numbers apart).
  const other = new TermNumbers();
  const first = other.features(inputs[1], params);
  assert.deepEqual(asTerms(first.numbers, first.weights, other.takeNew()), [...articleFeatures(inputs[1], params).counts]);
});
