/**
 * Builds src/dedup/spin-bigrams.json: word and word-pair counts of ordinary news prose, the
 * "language model" spin detection compares a text against ("international politics" is
 * news prose, "worldwide politics" is a spinner's).
 *
 * Corpus: news text that ships with the evaluation data (CoNLL-2003 train+dev, Reuters 1996;
 * TimeBank and AQUAINT, 1990s news; the Zyte benchmark's article bodies, recent news and
 * blogs) plus the example phrases quoted in WordNet's glosses.
 * The clustering articles (news_cluster) are deliberately left out: spin scores are checked
 * on them, so they must not be what "normal" was learned from.
 *
 * Only counts ≥ 2 are kept (a pair seen once is no evidence of being common) so the file
 * stays small; it is derived statistics, not text.
 *
 *   node --import tsx scripts/build-spin-bigrams.ts [../shared/data] > /dev/null
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordnetDictDir } from '../src/dedup/synonyms-wordnet.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.argv[2] ?? path.join(here, '../../shared/data'));
const outFile = path.join(here, '../src/dedup/spin-bigrams.json');

/** Sentences as lowercase word lists (same word definition as canonicalise). */
function sentencesOf(text: string): string[][] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((s) => s.length > 1);
}

function conllSentences(file: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
      if (current.length > 1) sentences.push(current);
      current = [];
      continue;
    }
    const token = line.split(' ')[0].toLowerCase();
    // Word-internal punctuation splits as canonicalise would ("u.s." → "u s").
    current.push(...(token.match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  if (current.length > 1) sentences.push(current);
  return sentences;
}

function timemlSentences(dir: string): string[][] {
  const out: string[][] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.tml')) continue;
    const xml = readFileSync(path.join(dir, name), 'utf8');
    const body = xml.match(/<TEXT>([\s\S]*?)<\/TEXT>/)?.[1] ?? '';
    out.push(...sentencesOf(body.replace(/<[^>]+>/g, '')));
  }
  return out;
}

/** The quoted usage examples in WordNet glosses: "an international agreement". */
function wordnetExampleSentences(): string[][] {
  const out: string[][] = [];
  for (const file of ['data.noun', 'data.verb', 'data.adj', 'data.adv']) {
    const text = readFileSync(path.join(wordnetDictDir(), file), 'utf8');
    for (const line of text.split('\n')) {
      const gloss = line.slice(line.indexOf('|') + 1);
      for (const m of gloss.matchAll(/"([^"]+)"/g)) out.push(...sentencesOf(m[1]));
    }
  }
  return out;
}

function zyteSentences(file: string): string[][] {
  const truth = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody?: string }>;
  return Object.values(truth).flatMap((page) => sentencesOf(page.articleBody ?? ''));
}

const corpora: Array<[string, string, () => string[][]]> = [
  ['conll2003/train', 'ner/conll2003/train.txt', () => conllSentences(path.join(dataDir, 'ner/conll2003/train.txt'))],
  ['conll2003/dev', 'ner/conll2003/dev.txt', () => conllSentences(path.join(dataDir, 'ner/conll2003/dev.txt'))],
  ['timex/TimeBank', 'timex/TimeBank', () => timemlSentences(path.join(dataDir, 'timex/TimeBank'))],
  ['timex/AQUAINT', 'timex/AQUAINT', () => timemlSentences(path.join(dataDir, 'timex/AQUAINT'))],
  ['zyte-aeb ground truth', 'extraction/zyte-aeb/ground-truth.json', () => zyteSentences(path.join(dataDir, 'extraction/zyte-aeb/ground-truth.json'))],
  ['wordnet examples', '', wordnetExampleSentences],
];

const unigrams = new Map<string, number>();
const bigrams = new Map<string, number>();
let tokens = 0;
const used: string[] = [];
for (const [name, file, read] of corpora) {
  if (file && !existsSync(path.join(dataDir, file))) {
    process.stderr.write(`skipping ${name}: ${path.join(dataDir, file)} not found\n`);
    continue;
  }
  let count = 0;
  for (const sentence of read()) {
    for (let i = 0; i < sentence.length; i++) {
      unigrams.set(sentence[i], (unigrams.get(sentence[i]) ?? 0) + 1);
      if (i > 0) {
        const pair = sentence[i - 1] + ' ' + sentence[i];
        bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
      }
    }
    count += sentence.length;
  }
  tokens += count;
  used.push(`${name} (${count} tokens)`);
}

const keep = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, c]) => c >= 2).sort((x, y) => (x[0] < y[0] ? -1 : 1)));
const model = { corpus: used, tokens, unigrams: keep(unigrams), bigrams: keep(bigrams) };
writeFileSync(outFile, JSON.stringify(model));
process.stderr.write(
  `wrote ${outFile}: ${tokens} tokens, ${Object.keys(model.unigrams).length} words, ${Object.keys(model.bigrams).length} pairs\n`,
);
