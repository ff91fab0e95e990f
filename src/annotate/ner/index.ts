/**
 * Named-entity tagging: PERSON, ORG, PLACE, MISC in raw article text.
 *
 * A structured averaged perceptron over BILOU labels (see train.ts, features.ts), trained
 * by scripts/train-ner.ts on CoNLL-2003 and shipped as models/ner.bin.gz. Text whose case
 * carries no information (lowercased or all-caps scrapes, see `isCaseless`) is tokenised
 * into letter/digit runs and tagged with the caseless features the same model learned from
 * lowercased, punctuation-stripped copies of the training sentences.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../types.ts';
import { documentEvidence } from './features.ts';
import { bilouToBio, spansFromBilou, toEntityType, type TokenSpan } from './labels.ts';
import { NerModel } from './model.ts';
import { labelDocument } from './tagger.ts';
import { parseModel } from './model-file.ts';
import { isCaseless, splitCaselessSequences, splitSentences, tokenizeCased, tokenizeCaseless, type Token } from './tokenize.ts';

export interface TaggedEntity {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/ner.bin.gz', import.meta.url));

let cachedModel: NerModel | null = null;

/** Load a model file (the shipped one by default). */
export function loadNerModel(path: string = DEFAULT_MODEL_PATH): NerModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`NER model ${path} cannot be read (run \`npm run train:ner\` to build it): ${(err as Error).message}`);
  }
  return new NerModel(parseModel(bytes));
}

/** The shipped model, loaded on first use. */
export function defaultNerModel(): NerModel {
  cachedModel ??= loadNerModel();
  return cachedModel;
}

/**
 * Entities in raw text, with UTF-16 offsets into it, in text order. `model` defaults to
 * the shipped one (anything else passed there, like a map index, is ignored).
 *
 * Case is judged per paragraph (blank-line separated block) with enough letters to tell,
 * so a lowercased block pasted into a cased article (or the reverse) is read the right
 * way; shorter blocks follow the document as a whole.
 */
export function tagEntities(text: string, model?: NerModel): TaggedEntity[] {
  model = model instanceof NerModel ? model : defaultNerModel();
  const entities: TaggedEntity[] = [];
  for (const run of caseRuns(text)) {
    const slice = text.slice(run.start, run.end);
    const tokens = run.caseless ? tokenizeCaseless(slice) : tokenizeCased(slice);
    const ranges = run.caseless ? splitCaselessSequences(slice, tokens) : splitSentences(slice, tokens);
    const sentences = ranges.map(([from, to]) => tokens.slice(from, to).map((t) => t.text));
    const labels = labelDocument(model, sentences, run.caseless);
    ranges.forEach(([from], k) => {
      for (const span of spansFromBilou(labels[k])) entities.push(toEntity(text, tokens, from, span, run.start));
    });
  }
  return entities;
}

/** Letters a block needs before its own capitalisation is trusted over the document's. */
const MIN_CASED_LETTERS_PER_BLOCK = 200;

/** Consecutive stretches of the text that share one reading: cased or caseless. */
function caseRuns(text: string): Array<{ start: number; end: number; caseless: boolean }> {
  const documentCaseless = isCaseless(text);
  const runs: Array<{ start: number; end: number; caseless: boolean }> = [];
  const blockBreak = /\n[ \t]*\n\s*/g;
  let start = 0;
  const addBlock = (from: number, to: number): void => {
    if (to <= from) return;
    const block = text.slice(from, to);
    const caseless = casedLetterCount(block) >= MIN_CASED_LETTERS_PER_BLOCK ? isCaseless(block) : documentCaseless;
    const last = runs[runs.length - 1];
    if (last && last.caseless === caseless) last.end = to;
    else runs.push({ start: from, end: to, caseless });
  };
  for (const match of text.matchAll(blockBreak)) {
    addBlock(start, match.index ?? 0);
    start = (match.index ?? 0) + match[0].length;
  }
  addBlock(start, text.length);
  return runs;
}

function casedLetterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) count++;
  }
  return count;
}

function toEntity(text: string, tokens: readonly Token[], offset: number, span: TokenSpan, base: number): TaggedEntity {
  const start = base + tokens[offset + span.start].start;
  const end = base + tokens[offset + span.end - 1].end;
  return { start, end, text: text.slice(start, end), type: toEntityType(span.type) };
}

/**
 * CoNLL BIO tags (B-PER, I-ORG, O …) for one tokenised sentence. Caseless input is
 * re-tokenised the caseless way and the tags mapped back: a token takes the tag of its
 * first letter/digit run, punctuation inside an entity continues it.
 */
export function tagTokens(tokens: string[], model?: NerModel): string[] {
  if (tokens.length === 0) return [];
  model = model instanceof NerModel ? model : defaultNerModel();
  const joined = tokens.join(' ');
  if (!isCaseless(joined)) {
    const evidence = documentEvidence([tokens]);
    return bilouToBio(model.predict({ words: tokens, caseless: false, evidence }));
  }
  // Token index of every character of the joined text.
  const owner = new Int32Array(joined.length);
  let position = 0;
  tokens.forEach((token, index) => {
    owner.fill(index, position, position + token.length + 1);
    position += token.length + 1;
  });
  const pieces = tokenizeCaseless(joined);
  const tags = new Array<string>(tokens.length).fill('O');
  const labels = model.predict({ words: pieces.map((p) => p.text), caseless: true });
  for (const span of spansFromBilou(labels)) {
    const first = owner[pieces[span.start].start];
    const last = owner[pieces[span.end - 1].start];
    if (tags[first] !== 'O') continue;
    tags[first] = `B-${span.type}`;
    for (let i = first + 1; i <= last; i++) tags[i] = `I-${span.type}`;
  }
  return tags;
}
