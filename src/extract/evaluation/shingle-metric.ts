/**
 * The article-extraction benchmark's body metric (Zyte/Scrapinghub `evaluate.py`):
 * per page, true/false positives and negatives over word 4-gram shingles of the
 * extracted body against the ground truth, normalised so long pages weigh no more than
 * short ones; precision and recall are then averaged over pages.
 *
 * We lowercase before tokenising (the issue asks for it; the upstream script is
 * case-sensitive — `caseSensitive: true` reproduces it exactly).
 */

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PageScore extends ShingleCounts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ShingleOptions {
  n?: number;
  caseSensitive?: boolean;
}

/** Python's `\w+` with re.UNICODE: letters, numbers and underscore. */
const WORD_TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenizeWords(text: string, caseSensitive = false): string[] {
  const source = caseSensitive ? text : text.toLowerCase();
  return source.match(WORD_TOKEN) ?? [];
}

/** Multiset of n-gram shingles; a text shorter than n yields one short shingle (as upstream). */
export function shingleCounts(text: string, options: ShingleOptions = {}): Map<string, number> {
  const n = options.n ?? 4;
  const tokens = tokenizeWords(text, options.caseSensitive);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalised TP/FP/FN of one page (they sum to 1 unless both texts are empty). */
export function shingleMatch(truth: string, predicted: string, options: ShingleOptions = {}): ShingleCounts {
  const truthShingles = shingleCounts(truth, options);
  const predShingles = shingleCounts(predicted, options);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, truthCount] of truthShingles) {
    const predCount = predShingles.get(key) ?? 0;
    tp += Math.min(truthCount, predCount);
    fn += Math.max(0, truthCount - predCount);
  }
  for (const [key, predCount] of predShingles) {
    fp += Math.max(0, predCount - (truthShingles.get(key) ?? 0));
  }
  const total = tp + fp + fn;
  if (total > 0) return { tp: tp / total, fp: fp / total, fn: fn / total };
  return { tp, fp, fn };
}

export function precisionOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export function scorePage(truth: string, predicted: string, options: ShingleOptions = {}): PageScore {
  const counts = shingleMatch(truth, predicted, options);
  const precision = precisionOf(counts);
  const recall = recallOf(counts);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...counts, precision, recall, f1 };
}

export interface CorpusScore {
  pages: number;
  /** Mean of per-page precision over pages that predicted something (upstream rule). */
  precision: number;
  /** Mean of per-page recall over pages whose truth has text (upstream rule). */
  recall: number;
  /** The benchmark's headline F1: harmonic mean of mean precision and mean recall. */
  f1: number;
  /** Mean over pages of each page's own F1. */
  meanPageF1: number;
}

export function scoreCorpus(pages: PageScore[]): CorpusScore {
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const precision = mean(pages.filter((p) => p.tp + p.fp > 0).map((p) => p.precision));
  const recall = mean(pages.filter((p) => p.tp + p.fn > 0).map((p) => p.recall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: pages.length, precision, recall, f1, meanPageF1: mean(pages.map((p) => p.f1)) };
}
