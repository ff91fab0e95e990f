/**
 * Who copied whom, at ingest. Candidates come from the persistent copy-key index (never a
 * scan) and from the batch being processed; each candidate pair is aligned at passage level,
 * the direction decided by publication time (and the texts' own evidence at a tie), and the
 * edge stored with its aligned passages as evidence.
 */
import type { CopyCandidate, CopyEdge, Store } from '../store/types.ts';
import { canonicalise, compareForCopy, copyDirection, type AlignedPassage, type CanonicalText, type CopyDecision } from '../dedup/copies.ts';
import { spinScoreOfCanonical } from '../dedup/spin.ts';
import { MAX_CANDIDATES, MAX_POSTINGS_PER_KEY, isCandidate } from '../dedup/copies-index.ts';
import { analysisText } from './prepare.ts';
import { RecentCache } from '../store/recent-cache.ts';

/**
 * Canonical texts kept in memory, at most this many (the recently used ones, RecentCache):
 * recent articles and the first holders of widely shared passages are the likely sources of
 * new copies; a miss re-reads and re-canonicalises a text. On the 100k bench (instrumented
 * one-off runs, docs/BENCHMARKS.md session 6) stored candidates missing from memory per
 * article in the last 10k: 2.6 with 10,000 texts, 0.58 with 30,000, 0.32 with 40,000. Compact
 * canonical forms (canonical.ts) hold 30,000 in less memory than 10,000 took before; 40,000
 * gained no speed once the prepare worker had become the limit (255 vs 254 articles/s).
 */
const CANONICAL_CACHE_SIZE = 30_000;

export interface CopyArticle {
  id: string;
  publishedMs: number | null;
  canonical: CanonicalText;
  copyKeys: string[];
  /** Spin score from the text alone (no original known). */
  spinAlone: number;
}

export interface CopyOutcome {
  edges: CopyEdge[];
  /** This article's spin score, using the aligned original when it copied one. */
  spinScore: number;
  /** Stored articles found to copy this one, with their new spin scores. */
  spinUpdates: Array<{ id: string; spinScore: number }>;
}

function passagesAsEvidence(passages: AlignedPassage[], copyIsA: boolean): CopyEdge['passages'] {
  return passages.map((p) =>
    copyIsA ? { start: p.aStart, end: p.aEnd, sourceStart: p.bStart, sourceEnd: p.bEnd } : { start: p.bStart, end: p.bEnd, sourceStart: p.aStart, sourceEnd: p.aEnd },
  );
}

/** Swaps the a/b sides of passages (the copy must be side a for spinScore). */
function swapSides(passages: AlignedPassage[]): AlignedPassage[] {
  return passages.map((p) => {
    const substitutions: number[] = [];
    for (let k = 0; k < p.substitutions.length; k += 2) substitutions.push(p.substitutions[k + 1], p.substitutions[k]);
    return { ...p, aStart: p.bStart, aEnd: p.bEnd, bStart: p.aStart, bEnd: p.aEnd, aFrom: p.bFrom, aTo: p.bTo, bFrom: p.aFrom, bTo: p.aTo, substitutions };
  });
}

export class CopyDetector {
  private readonly canonicalCache = new RecentCache<string, CanonicalText>(CANONICAL_CACHE_SIZE);
  /** Copy keys → articles of the batch in progress (not yet in the store). */
  private batchKeys = new Map<string, CopyArticle[]>();
  /** Position of each batch article in processing order. */
  private readonly batchOrder = new Map<CopyArticle, number>();

  constructor(private readonly store: Store) {}

  startBatch(): void {
    this.batchKeys = new Map();
    this.batchOrder.clear();
  }

  private remember(id: string, canonical: CanonicalText): void {
    this.canonicalCache.set(id, canonical);
  }

  /**
   * Canonical forms of stored candidates: from memory, or, for those not held, from their
   * texts, read together in one query.
   */
  private async canonicalsOf(candidates: CopyCandidate[]): Promise<Map<string, CanonicalText>> {
    const out = new Map<string, CanonicalText>();
    const missing: CopyCandidate[] = [];
    for (const c of candidates) {
      const canonical = this.canonicalCache.get(c.id);
      if (canonical) out.set(c.id, canonical);
      else missing.push(c);
    }
    if (missing.length === 0) return out;
    const texts = await this.store.candidateTexts(missing.map((c) => c.rowid));
    for (const c of missing) {
      const stored = texts.get(c.rowid);
      if (!stored) continue; // gone since the look-up: nothing to compare with
      const canonical = canonicalise(analysisText(stored.text, stored.boilerplate));
      this.remember(c.id, canonical);
      out.set(c.id, canonical);
    }
    return out;
  }

  /**
   * Finds this article's copy relations with stored and batch articles. `skip` holds ids never
   * to compare with (the article's own duplicates, already linked by duplicateOf).
   */
  async detect(article: CopyArticle, skip: Set<string>): Promise<CopyOutcome> {
    const outcome: CopyOutcome = { edges: [], spinScore: article.spinAlone, spinUpdates: [] };
    // spinFloor: the candidate's spin score as known so far (at least its text-only score).
    type Candidate = { id: string; publishedMs: number | null; spinFloor: number; sharedKeys: number; stored: CopyCandidate | null; canonical?: CanonicalText };
    const pool: Candidate[] = [];
    const stored = await this.store.copyCandidates(article.copyKeys, MAX_CANDIDATES);
    for (const c of stored.candidates) {
      pool.push({ id: c.id, publishedMs: c.publishedMs, spinFloor: c.spinScore ?? 0, sharedKeys: c.sharedKeys, stored: c });
    }
    const sharedInBatch = new Map<CopyArticle, number>();
    for (const key of article.copyKeys) {
      for (const other of this.batchKeys.get(key) ?? []) sharedInBatch.set(other, (sharedInBatch.get(other) ?? 0) + 1);
    }
    // In batch order (the order they will be stored in), after the stored ones.
    const inBatch = [...sharedInBatch].sort((x, y) => this.batchOrder.get(x[0])! - this.batchOrder.get(y[0])!);
    for (const [other, shared] of inBatch) {
      // The store's rule (it keeps no key counts): judged on this article's keys alone.
      if (!isCandidate(shared, article.copyKeys.length, Infinity)) continue;
      pool.push({ id: other.id, publishedMs: other.publishedMs, spinFloor: other.spinAlone, sharedKeys: shared, stored: null, canonical: other.canonical });
    }
    // One rule for stored and batch articles alike (the one the copy evaluation scores): the
    // MAX_CANDIDATES sharing the most keys, stored ones (earlier) first at a tie. Batch
    // candidates used to come on top of the stored eight, so the work per article, and the
    // links found, depended on where the batch boundaries fell.
    const candidates = pool.length > MAX_CANDIDATES ? pool.sort((x, y) => y.sharedKeys - x.sharedKeys).slice(0, MAX_CANDIDATES) : pool;
    const storedCanonicals = await this.canonicalsOf(candidates.flatMap((c) => (c.stored && c.id !== article.id && !skip.has(c.id) ? [c.stored] : [])));
    let bestSource: { decision: CopyDecision; share: number; canonical: CanonicalText } | null = null;
    for (const candidate of candidates) {
      if (candidate.id === article.id || skip.has(candidate.id)) continue;
      const other = candidate.canonical ?? storedCanonicals.get(candidate.id);
      if (!other) continue;
      const decision = compareForCopy(article.canonical, other);
      if (!decision.isCopy) continue;
      const direction = copyDirection({ published: article.publishedMs, canonical: article.canonical }, { published: candidate.publishedMs, canonical: other }, decision);
      if (direction === 'a-from-b') {
        outcome.edges.push({
          articleId: article.id,
          sourceId: candidate.id,
          ...(candidate.stored ? { sourceRowid: candidate.stored.rowid } : {}),
          share: decision.shareOfA,
          spun: decision.spun,
          passages: passagesAsEvidence(decision.passages, true),
        });
        if (!bestSource || decision.shareOfA > bestSource.share) bestSource = { decision, share: decision.shareOfA, canonical: other };
      } else {
        outcome.edges.push({
          articleId: candidate.id,
          sourceId: article.id,
          ...(candidate.stored ? { articleRowid: candidate.stored.rowid } : {}),
          share: decision.shareOfB,
          spun: decision.spun,
          passages: passagesAsEvidence(decision.passages, false),
        });
        outcome.spinUpdates.push({
          id: candidate.id,
          spinScore: spinScoreOfCanonical(other, candidate.spinFloor, { passages: swapSides(decision.passages), originalCanonical: article.canonical }),
        });
      }
    }
    if (bestSource) {
      outcome.spinScore = spinScoreOfCanonical(article.canonical, article.spinAlone, { passages: bestSource.decision.passages, originalCanonical: bestSource.canonical });
    }
    this.remember(article.id, article.canonical);
    this.batchOrder.set(article, this.batchOrder.size);
    // The batch's lists follow the store's cap: a key keeps its first MAX_POSTINGS_PER_KEY
    // holders, stored ones included, so what a later article finds does not depend on
    // whether its sources were committed yet.
    for (const key of article.copyKeys) {
      const list = this.batchKeys.get(key);
      if ((stored.holders.get(key) ?? 0) + (list?.length ?? 0) >= MAX_POSTINGS_PER_KEY) continue;
      if (list) list.push(article);
      else this.batchKeys.set(key, [article]);
    }
    return outcome;
  }
}
