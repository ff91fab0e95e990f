/**
 * `npm run train:ner`: train the entity tagger on CoNLL-2003 train.txt, choose the epoch
 * on dev.txt (never trained on), write models/ner.bin.gz. Deterministic: fixed seed, and
 * every collection is walked in a fixed order, so the same data gives the same file.
 *
 *   node --import tsx scripts/train-ner.ts [--data DIR] [--out FILE] [--epochs N]
 *       [--min-count N] [--word-dropout P] [--joined-weight W] [--cased-only]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { caselessChunks, groupDocuments, parseConll, type ConllSentence } from '../src/annotate/ner/conll.ts';
import { evaluateConll } from '../src/annotate/ner/evaluate.ts';
import { documentEvidence } from '../src/annotate/ner/features.ts';
import { buildGazetteer } from '../src/annotate/ner/gazetteer-sources.ts';
import { bioToBilou } from '../src/annotate/ner/labels.ts';
import { NerModel, type NerModelData } from '../src/annotate/ner/model.ts';
import { parseModel, serialiseModel } from '../src/annotate/ner/model-file.ts';
import { trainPerceptron, type TrainingSequence } from '../src/annotate/ner/train.ts';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const SEED = 20261122;
const dataDir = argument('--data', join(import.meta.dirname, '..', '..', 'shared', 'data', 'ner', 'conll2003'));
const outFile = argument('--out', join(import.meta.dirname, '..', 'models', 'ner.bin.gz'));
const maxEpochs = Number(argument('--epochs', '14'));
const minFeatureCount = Number(argument('--min-count', '2'));
const wordDropout = Number(argument('--word-dropout', '0.1'));
/**
 * Caseless copies in which stripping punctuation glued entities together (tables,
 * bylines) count for less: caseless input is mostly scraped prose, where adjacent
 * entities are rare, and at full weight they teach the model to cut names short.
 */
const joinedWeight = Number(argument('--joined-weight', '0.3'));
const casedOnly = process.argv.includes('--cased-only');

function load(file: string): ConllSentence[] {
  const { sentences, errors } = parseConll(readFileSync(file, 'utf8'), file);
  for (const error of errors) process.stderr.write(`${error}\n`);
  return sentences;
}

/** Cased sentences with their document's evidence, plus caseless ~60-token runs of each document. */
function trainingSequences(sentences: ConllSentence[]): TrainingSequence[] {
  const out: TrainingSequence[] = [];
  for (const [start, end] of groupDocuments(sentences)) {
    const doc = sentences.slice(start, end);
    const evidence = documentEvidence(doc.map((s) => s.words));
    for (const s of doc) out.push({ words: s.words, labels: bioToBilou(s.tags), caseless: false, evidence });
    if (casedOnly) continue;
    for (const chunk of caselessChunks(doc)) {
      out.push({ words: chunk.words, labels: bioToBilou(chunk.tags), caseless: true, weight: chunk.joined ? joinedWeight : 1 });
    }
  }
  return out;
}

function devScores(model: NerModel, dev: ConllSentence[]): { cased: number; caseless: number } {
  return {
    cased: evaluateConll(model, dev, 'document').overall().f1,
    caseless: evaluateConll(model, dev, 'caseless').overall().f1,
  };
}

const started = Date.now();
const log = (message: string): void => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s ${message}`);
const train = load(join(dataDir, 'train.txt'));
const dev = load(join(dataDir, 'dev.txt'));
const { builder, counts } = buildGazetteer();
const gazetteer = builder.toArrays();
log(`gazetteer: ${gazetteer.keys.length} keys from ${JSON.stringify(counts)}`);

// The epoch kept is the one with the best mean of cased and caseless dev F1.
let best: { epoch: number; score: number; data: NerModelData } | null = null;
trainPerceptron(trainingSequences(train), gazetteer, {
  epochs: maxEpochs,
  seed: SEED,
  minFeatureCount,
  wordDropout,
  log,
  onEpoch: (epoch, data) => {
    const f1 = devScores(new NerModel(data), dev);
    log(`  dev F1 cased ${(100 * f1.cased).toFixed(2)}, caseless ${(100 * f1.caseless).toFixed(2)}`);
    const score = (f1.cased + f1.caseless) / 2;
    if (!best || score > best.score) best = { epoch, score, data };
  },
});
const chosen = best as { epoch: number; score: number; data: NerModelData } | null;
if (!chosen) throw new Error('no epoch was trained (--epochs must be at least 1)');
const meta = { seed: SEED, epochs: chosen.epoch, minFeatureCount, wordDropout, joinedWeight, casedOnly, trainedOn: 'conll2003/train.txt' };
const file = serialiseModel({ ...chosen.data, meta });
const shipped = new NerModel(parseModel(file));
const f1 = devScores(shipped, dev);
log(
  `epoch ${chosen.epoch} kept: ${(file.length / 1e6).toFixed(2)} MB, ${shipped.data.featureKeys.length} weight rows; ` +
    `dev F1 as shipped (8-bit weights) cased ${(100 * f1.cased).toFixed(2)}, caseless ${(100 * f1.caseless).toFixed(2)}`,
);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, file);
log(`wrote ${outFile}`);
