/**
 * Builds src/cluster/idf-prior.json: document frequencies of cluster terms in a background
 * news corpus, so that the first articles of a fresh store are weighted by how common their
 * words are in news, not by the handful of articles seen so far. The prior counts as
 * `docs` extra documents; it fades as the store's own statistics grow.
 *
 *   node --import tsx scripts/build-idf-prior.ts
 *
 * Corpus: the Reuters stories of CoNLL-2003 train + dev in ../shared/data/ner (1996 wire
 * news, ~1,150 documents; grouped into documents at their datelines). Only terms in at least
 * MIN_DF documents are kept: rarer ones are as good as unseen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupDocuments, parseConll } from '../src/annotate/ner/conll.ts';
import { isContentWord, termKey } from '../src/cluster/features.ts';
import { tokenize } from '../src/text/tokens.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONLL_DIR = path.resolve(here, '../../shared/data/ner/conll2003');
const OUT = path.resolve(here, '../src/cluster/idf-prior.json');
const MIN_DF = 3;
/** Documents shorter than this are score tables and lists, not prose. */
const MIN_DOC_TERMS = 40;

const df = new Map<string, number>();
let docs = 0;
for (const file of ['train.txt', 'dev.txt']) {
  const { sentences } = parseConll(fs.readFileSync(path.join(CONLL_DIR, file), 'utf8'), file);
  for (const [start, end] of groupDocuments(sentences)) {
    const text = sentences
      .slice(start, end)
      .map((s) => s.words.join(' '))
      .join('\n');
    const terms = new Set<string>();
    for (const t of tokenize(text)) if (isContentWord(t.lower)) terms.add(termKey(t.lower));
    if (terms.size < MIN_DOC_TERMS) continue;
    docs++;
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
}
const kept = [...df].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const prior = {
  source: 'CoNLL-2003 English train+dev (Reuters 1996 news), grouped into documents at datelines; scripts/build-idf-prior.ts',
  minDf: MIN_DF,
  docs,
  df: Object.fromEntries(kept),
};
fs.writeFileSync(OUT, JSON.stringify(prior) + '\n');
console.log(`${docs} documents, ${df.size} terms, ${kept.length} kept (df ≥ ${MIN_DF}) → ${OUT} (${fs.statSync(OUT).size} bytes)`);
