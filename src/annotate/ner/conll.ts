/**
 * CoNLL-2003 data: reading, document grouping, caseless training copies, and
 * entity-level exact-match scoring (what conlleval reports).
 */
import { spansFromBio, type TokenSpan } from './labels.ts';
import { tokenizeCaseless } from './tokenize.ts';

export interface ConllSentence {
  words: string[];
  tags: string[];
  /** 1-based line of the sentence's first token in its file. */
  line: number;
  /** The sentence follows a -DOCSTART- line (files that mark documents). */
  documentStart?: boolean;
}

/**
 * Parse CoNLL text: one token a line, the token first and the NER tag last, blank lines
 * between sentences, -DOCSTART- lines ignored. Malformed lines are reported, not fatal.
 */
export function parseConll(text: string, file = '<conll>'): { sentences: ConllSentence[]; errors: string[] } {
  const sentences: ConllSentence[] = [];
  const errors: string[] = [];
  let current: ConllSentence | null = null;
  let documentStart = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line.length === 0 || line.startsWith('-DOCSTART-')) {
      if (current) sentences.push(current);
      current = null;
      if (line.startsWith('-DOCSTART-')) documentStart = true;
      continue;
    }
    const fields = line.split(/\s+/);
    const tag = fields[fields.length - 1];
    if (fields.length < 2 || !/^(O|[BI]-[A-Z]+)$/.test(tag)) {
      errors.push(`${file}:${index + 1}: expected "TOKEN … TAG" with a BIO tag, got ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    if (!current) {
      current = { words: [], tags: [], line: index + 1 };
      if (documentStart) current.documentStart = true;
      documentStart = false;
    }
    current.words.push(fields[0]);
    current.tags.push(tag);
  }
  if (current) sentences.push(current);
  return { sentences, errors };
}

/**
 * Group sentences into documents: at -DOCSTART- lines when the file has them. Our copy of
 * CoNLL-2003 has none, but every Reuters story opens with a headline followed by a
 * dateline ("BRUSSELS 1996-08-22"), so then a document starts one sentence before each
 * dateline. Returns [start, end) ranges.
 */
export function groupDocuments(sentences: readonly ConllSentence[]): Array<[number, number]> {
  const starts: number[] = [0];
  if (sentences.some((s) => s.documentStart)) {
    for (let i = 1; i < sentences.length; i++) if (sentences[i].documentStart) starts.push(i);
    return starts.map((start, k) => [start, k + 1 < starts.length ? starts[k + 1] : sentences.length]);
  }
  for (let i = 1; i < sentences.length; i++) {
    // The headline just before the dateline opens the document, unless it already does.
    if (isDateline(sentences[i].words) && i - 1 > starts[starts.length - 1]) starts.push(i - 1);
  }
  return starts.map((start, k) => [start, k + 1 < starts.length ? starts[k + 1] : sentences.length]);
}

function isDateline(words: readonly string[]): boolean {
  return words.length <= 8 && /^\d{4}-\d{2}-\d{2}$/.test(words[words.length - 1]);
}

/** A caseless training or evaluation sequence derived from cased sentences. */
export interface CaselessSequence {
  words: string[];
  tags: string[];
}

/**
 * A cased sentence as lowercased, punctuation-stripped scraped text would show it:
 * tokens lowercased and split into letter/digit runs ("U.S." → "u s", "Jae-in" →
 * "jae in", "'s" → "s"), punctuation tokens dropped, entity spans carried over.
 */
export function caselessCopy(words: readonly string[], tags: readonly string[]): CaselessSequence {
  const outWords: string[] = [];
  const firstPiece: number[] = [];
  const lastPiece: number[] = [];
  for (const word of words) {
    const pieces = tokenizeCaseless(word.toLowerCase());
    firstPiece.push(outWords.length);
    for (const piece of pieces) outWords.push(piece.text);
    lastPiece.push(outWords.length - 1);
  }
  const outTags = new Array<string>(outWords.length).fill('O');
  for (const span of spansFromBio(tags)) {
    const from = firstPiece[span.start];
    const to = lastPiece[span.end - 1];
    if (to < from) continue;
    outTags[from] = `B-${span.type}`;
    for (let k = from + 1; k <= to; k++) outTags[k] = `I-${span.type}`;
  }
  return { words: outWords, tags: outTags };
}

/** Caseless copies are joined into runs of about this many tokens (see `caselessChunks`). */
export const CASELESS_CHUNK_TOKENS = 60;

/**
 * Caseless copies of a document's sentences, joined into runs of ~60 tokens: stripped
 * text has no sentence boundaries, so neither may the sequences the model learns from
 * or is measured on. A sentence whose stripping glued entities together (a table row,
 * see `strippingJoinsEntities`) stays a sequence of its own, flagged `joined`.
 */
export function caselessChunks(sentences: readonly ConllSentence[]): Array<CaselessSequence & { joined: boolean }> {
  const chunks: Array<CaselessSequence & { joined: boolean }> = [];
  let current: CaselessSequence & { joined: boolean } = { words: [], tags: [], joined: false };
  const flush = (): void => {
    if (current.words.length > 0) chunks.push(current);
    current = { words: [], tags: [], joined: false };
  };
  for (const sentence of sentences) {
    const copy = caselessCopy(sentence.words, sentence.tags);
    if (copy.words.length === 0) continue;
    if (strippingJoinsEntities(sentence.tags, copy.tags)) {
      flush();
      chunks.push({ ...copy, joined: true });
      continue;
    }
    current.words.push(...copy.words);
    current.tags.push(...copy.tags);
    if (current.words.length >= CASELESS_CHUNK_TOKENS) flush();
  }
  flush();
  return chunks;
}

/**
 * Did stripping punctuation glue two entities together? Sports tables and bylines
 * ("Shearer ( England )" → "shearer england") do that; stripped prose almost never does.
 * Training on such copies teaches the caseless model to split names ("kim jong | un"),
 * so they are left out of the caseless training copies.
 */
export function strippingJoinsEntities(original: readonly string[], copy: readonly string[]): boolean {
  const adjacentPairs = (tags: readonly string[]): number => {
    let count = 0;
    for (let i = 1; i < tags.length; i++) if (tags[i].startsWith('B-') && tags[i - 1] !== 'O') count++;
    return count;
  };
  return adjacentPairs(copy) > adjacentPairs(original);
}

/** Entity-level counts for one type or overall. */
export interface EntityCounts {
  gold: number;
  predicted: number;
  correct: number;
}

export interface EntityScores extends EntityCounts {
  precision: number;
  recall: number;
  f1: number;
}

/** Accumulates exact-match entity counts per type, conlleval style. */
export class EntityScorer {
  readonly byType = new Map<string, EntityCounts>();

  add(goldTags: readonly string[], predictedTags: readonly string[]): void {
    const key = (s: TokenSpan): string => `${s.start}:${s.end}:${s.type}`;
    const gold = spansFromBio(goldTags);
    const predicted = spansFromBio(predictedTags);
    const goldKeys = new Set(gold.map(key));
    for (const span of gold) this.counts(span.type).gold++;
    for (const span of predicted) {
      const counts = this.counts(span.type);
      counts.predicted++;
      if (goldKeys.has(key(span))) counts.correct++;
    }
  }

  private counts(type: string): EntityCounts {
    let counts = this.byType.get(type);
    if (!counts) {
      counts = { gold: 0, predicted: 0, correct: 0 };
      this.byType.set(type, counts);
    }
    return counts;
  }

  overall(): EntityScores {
    const total: EntityCounts = { gold: 0, predicted: 0, correct: 0 };
    for (const c of this.byType.values()) {
      total.gold += c.gold;
      total.predicted += c.predicted;
      total.correct += c.correct;
    }
    return scores(total);
  }

  perType(): Record<string, EntityScores> {
    const out: Record<string, EntityScores> = {};
    for (const type of [...this.byType.keys()].sort()) out[type] = scores(this.byType.get(type)!);
    return out;
  }
}

export function scores(c: EntityCounts): EntityScores {
  const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}
