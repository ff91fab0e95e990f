/**
 * Evaluating the tagger on CoNLL data: entity-level exact-match P/R/F1 per type and
 * overall (conlleval), in three regimes, and a tagging-speed measurement.
 * - document: cased sentences tagged a document at a time (document evidence on);
 * - sentence: every sentence on its own through `tagTokens`;
 * - caseless: lowercased, punctuation-stripped copies of the sentences run together in
 *   ~60-token sequences (see `caselessChunks`), as scraped copies like the lowercased seed look.
 */
import { caselessChunks, EntityScorer, groupDocuments, type ConllSentence } from './conll.ts';
import { tagEntities, tagTokens } from './index.ts';
import type { NerModel } from './model.ts';
import { tagCaselessSequences, tagCasedDocument } from './tagger.ts';

export type EvaluationMode = 'document' | 'sentence' | 'caseless';

export function evaluateConll(model: NerModel, sentences: readonly ConllSentence[], mode: EvaluationMode): EntityScorer {
  const scorer = new EntityScorer();
  if (mode === 'sentence') {
    for (const s of sentences) scorer.add(s.tags, tagTokens(s.words, model));
    return scorer;
  }
  for (const [start, end] of groupDocuments(sentences)) {
    const doc = sentences.slice(start, end);
    if (mode === 'document') {
      const tags = tagCasedDocument(model, doc.map((s) => s.words));
      doc.forEach((s, k) => scorer.add(s.tags, tags[k]));
    } else {
      const copies = caselessChunks(doc);
      const tags = tagCaselessSequences(model, copies.map((c) => c.words));
      copies.forEach((c, k) => scorer.add(c.tags, tags[k]));
    }
  }
  return scorer;
}

export interface SpeedResult {
  passes: number;
  tokensPerPass: number;
  /** Wall-clock tokens per second over all passes. */
  tokensPerSecond: number;
  /** Tokens per CPU second of this process, first pass (cold word cache) and best pass. */
  firstPassTokensPerCpuSecond: number;
  bestPassTokensPerCpuSecond: number;
}

/**
 * Tokens per second of `tagEntities` on raw text rebuilt from the sentences (tokenising,
 * sentence splitting, consistency pass and offsets included), in passes over all of it
 * until at least `minSeconds` elapsed. CPU time is measured per pass: on a shared machine
 * wall time says more about the neighbours than about the tagger. With `caseless`, the
 * text is lowercased and stripped of punctuation first.
 */
export function measureSpeed(model: NerModel, sentences: readonly ConllSentence[], caseless: boolean, minSeconds = 3): SpeedResult {
  const documents = groupDocuments(sentences).map(([start, end]) => {
    const lines = sentences.slice(start, end).map((s) => s.words.join(' '));
    const text = lines.join('\n');
    return caseless ? text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ') : text;
  });
  const tokensPerPass = sentences.reduce((sum, s) => sum + s.words.length, 0);
  const cpuSeconds: number[] = [];
  const started = process.hrtime.bigint();
  let seconds = 0;
  do {
    const cpuStarted = process.cpuUsage();
    for (const text of documents) tagEntities(text, model);
    const cpu = process.cpuUsage(cpuStarted);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } while (seconds < minSeconds || cpuSeconds.length < 2);
  return {
    passes: cpuSeconds.length,
    tokensPerPass,
    tokensPerSecond: (tokensPerPass * cpuSeconds.length) / seconds,
    firstPassTokensPerCpuSecond: tokensPerPass / cpuSeconds[0],
    bestPassTokensPerCpuSecond: tokensPerPass / Math.min(...cpuSeconds),
  };
}
