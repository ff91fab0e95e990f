/**
 * Tagging token sequences with a model: documents of cased sentences (with document-level
 * evidence) and caseless sequences, each followed by the document consistency pass.
 * Offsets and raw text are handled in index.ts.
 */
import { enforceConsistency } from './consistency.ts';
import { completeEastAsianNames, gazetteerWordClasses, type WordClasses } from './east-asian-names.ts';
import { documentEvidence, sequenceMode } from './features.ts';
import { bilouToBio } from './labels.ts';
import type { NerModel } from './model.ts';

/** BILOU label ids for the sequences of one document. */
export function labelDocument(model: NerModel, sequences: ReadonlyArray<readonly string[]>, caseless: boolean): Int32Array[] {
  // Each word is looked up in the model's cache once; evidence, scoring and the consistency
  // pass all read what the look-up returned.
  const modes = sequences.map((words) => sequenceMode({ words, caseless }));
  const scored = sequences.map((words, k) => model.scoreWords(words, modes[k]));
  const evidence = caseless ? undefined : documentEvidence(sequences, scored.map((s) => s.map((w) => w.info.lowercase)), modes);
  const labels = sequences.map((words, k) => model.predictScored({ words, caseless, evidence }, modes[k], scored[k]));
  // Caseless strings are too ambiguous to propagate ("park", "moon", "mr kim"); on dev the
  // pass gains +0.1 F1 cased and loses 0.2 caseless, so it runs on cased text only.
  if (!caseless) return enforceConsistency(sequences, labels, false, scored.map((s) => s.map((w) => w.info.normal)));
  const classes = wordClassesOf(model);
  return labels.map((sequenceLabels, k) => completeEastAsianNames(sequences[k], sequenceLabels, classes));
}

const wordClasses = new WeakMap<NerModel, WordClasses>();
function wordClassesOf(model: NerModel): WordClasses {
  let classes = wordClasses.get(model);
  if (!classes) wordClasses.set(model, (classes = gazetteerWordClasses(model.gazetteer)));
  return classes;
}

/** CoNLL BIO tags for each sentence of one cased document. */
export function tagCasedDocument(model: NerModel, sentences: ReadonlyArray<readonly string[]>): string[][] {
  return labelDocument(model, sentences, false).map(bilouToBio);
}

/** CoNLL BIO tags for the caseless sequences of one document. */
export function tagCaselessSequences(model: NerModel, sequences: ReadonlyArray<readonly string[]>): string[][] {
  return labelDocument(model, sequences, true).map(bilouToBio);
}
