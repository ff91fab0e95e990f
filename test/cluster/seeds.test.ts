import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { splitTitle } from '../../src/ingest/formats/text.ts';
import { makeArticle } from './helpers.ts';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/seeds');
const seedFiles = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort() : [];

test('the two seed articles (lowercased copy, spun rewrite) end up in one story', { skip: seedFiles.length < 2 && 'no ../shared/seeds' }, () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  // Unrelated stories first, so the seeds have other candidates to be confused with.
  c.assign(makeArticle('d1', 'Chile earthquake damages homes', 'A strong earthquake shook central Chile on Tuesday, damaging homes in Valparaiso and cutting power to thousands, officials said.'));
  c.assign(makeArticle('d2', 'Trump and Moon discuss trade', 'President Donald Trump met South Korean President Moon Jae-in at the White House to discuss trade and tariffs on steel.'));
  const ids = seedFiles.map((file) => {
    const { title, body } = splitTitle(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
    return c.assign(makeArticle(file, title ?? null, body)).storyId;
  });
  assert.equal(new Set(ids).size, 1, `seeds in stories ${ids.join(', ')}`);
});
