/**
 * Ingest: records → prepared articles → duplicates → stories → one store transaction per
 * batch. Each batch is processed in publication-time order (undated records keep their
 * place after the record they followed). Re-running the same input adds nothing: ids that
 * are already stored are skipped before any state changes.
 */
import { performance as nodePerformance } from 'node:perf_hooks';
import { formatOrigin, type BoilerplateSpan, type Message, type RawRecord, type ReadItem } from '../types.ts';
import type { ArticleRef, NewArticle, Store } from '../store/types.ts';
import { initHashing } from '../dedup/hash.ts';
import { estimateJaccard } from '../dedup/minhash.ts';
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../cluster/features.ts';
import { OnlineClusterer } from '../cluster/online.ts';
import { prepareArticle, type PrepareOptions, type PreparedArticle, type PrepareResult } from './prepare.ts';
import { PreparePool } from './prepare-pool.ts';
import { CopyDetector } from './copies.ts';
import type { CopyEdge } from '../store/types.ts';
import { loadPrepareStages } from './stages.ts';
import { threadCpuMs } from './thread-cpu.ts';

/** Estimated Jaccard of 4-gram shingles above which two texts are the same article. */
export const NEAR_DUPLICATE_JACCARD = 0.7;
/** Records prepared, ordered and committed together. */
const DEFAULT_BATCH_SIZE = 1000;
/**
 * Batches made durable together (Store.groupWrites). Every batch touches pages all over the
 * posting tables and the random-key indexes; committed one by one, each of those pages is
 * written to the WAL and checkpointed once per batch. Five batches per commit: a crash
 * loses at most 5,000 articles of work, which re-running the ingest redoes.
 */
const DEFAULT_COMMIT_EVERY = 5;
/** Records sent to a worker at once. */
const CHUNK_SIZE = 100;
/**
 * Chunks queued ahead so workers keep preparing while this thread processes a batch. A
 * batch of 1,000 takes this thread about as long as a worker takes to prepare 1,000 (the
 * 20k bench: 6.5 vs 7.9 ms per article), so the window holds a batch and a bit: with six
 * chunks the worker sat idle for a fifth of the run. Each prepared article waiting here
 * costs ~30 kB of this thread's heap.
 */
const MAX_CHUNKS_IN_FLIGHT = 12;
/** Inputs smaller than this are prepared inline: starting workers costs more than it saves. */
const WORKER_THRESHOLD = 2000;

export interface IngestOptions {
  batchSize?: number;
  /** Batches per durable commit (default DEFAULT_COMMIT_EVERY; 1 commits each batch). */
  commitEvery?: number;
  clusterParams?: ClusterParams;
  /** Stop at the first bad record (nothing of the current batch is committed). */
  strict?: boolean;
  /** Overrides of the default prepare stages for inline preparation (tests). */
  prepare?: Partial<PrepareOptions>;
  /** Worker threads for the prepare stage (0 = inline); default: one per spare core. */
  workers?: number;
  /** Records prepared inline before workers start (default WORKER_THRESHOLD). */
  workerThreshold?: number;
  onProgress?: (summary: IngestSummary) => void;
  /** Called after each committed batch. */
  onBatch?: (summary: IngestSummary) => void;
}

export interface IngestSummary {
  read: number;
  added: number;
  /** New articles that are exact or near copies of another article. */
  duplicates: number;
  /** Records whose id was already stored (re-ingest): skipped. */
  alreadyStored: number;
  errors: Message[];
  storiesTouched: Set<number>;
  storiesCreated: number;
  /**
   * CPU milliseconds of the thread that ran the ingest (since the ingest began) and of each
   * prepare worker, when workers ran (thread-cpu.ts; null where the platform does not tell).
   */
  threadCpuMs?: { ingest: number | null; prepare: Array<number | null> };
}

export class StrictModeError extends Error {}

/** The earliest published article is the original; unknown dates count as latest. */
function isEarlier(a: { publishedMs: number | null; seq: number }, b: { publishedMs: number | null; seq: number }): boolean {
  const am = a.publishedMs ?? Infinity;
  const bm = b.publishedMs ?? Infinity;
  return am !== bm ? am < bm : a.seq < b.seq;
}

/** Stable publication-time order; an undated record sorts right after the record before it. */
export function publicationOrder<T extends { publishedMs: number | null }>(items: T[]): T[] {
  let lastKey = -Infinity;
  const keyed = items.map((item, index) => {
    if (item.publishedMs !== null) lastKey = item.publishedMs;
    return { item, index, key: item.publishedMs ?? lastKey };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return keyed.map((k) => k.item);
}

interface BatchRef {
  id: string;
  publishedMs: number | null;
  seq: number;
  duplicateOf: string | null;
  storyId: number | null;
  minhash: Uint32Array | null;
}

export class Ingestor {
  private clusterer!: OnlineClusterer;
  private readonly copies: CopyDetector;
  private findTemplates: ((text: string, seen: (hash: string) => number) => BoilerplateSpan[]) | null = null;
  private readonly params: ClusterParams;
  private seq = 0;
  /** This thread's CPU time when the ingest began (thread-cpu.ts): IngestSummary.threadCpuMs counts from here. */
  private readonly cpuAtStart = threadCpuMs();

  constructor(
    private readonly store: Store,
    private readonly options: IngestOptions = {},
  ) {
    this.params = options.clusterParams ?? options.prepare?.clusterParams ?? DEFAULT_CLUSTER_PARAMS;
    this.copies = new CopyDetector(store);
  }

  async init(): Promise<void> {
    await initHashing();
    // Copy detection runs here (it needs the store): synonyms and spin statistics on this thread.
    await (await import('../dedup/copies.ts')).initCopyDetection();
    const { findTemplateLines } = await import('../dedup/boilerplate.ts');
    this.findTemplates = (text, seen) => findTemplateLines(text, { lineSeenElsewhere: seen });
    const { df, docCount } = await this.store.loadDocumentFrequencies();
    this.clusterer = new OnlineClusterer(this.params, {
      df,
      docCount,
      nextId: await this.store.nextStoryId(),
      stories: await this.store.loadRecentStories(this.params.maxActiveStories),
    });
  }

  async run(items: AsyncIterable<ReadItem>): Promise<IngestSummary> {
    const summary: IngestSummary = { read: 0, added: 0, duplicates: 0, alreadyStored: 0, errors: [], storiesTouched: new Set(), storiesCreated: 0 };
    // Inline stages load on first use: when workers prepare everything, the main thread never
    // holds the tagger and gazetteers.
    let inline: PrepareOptions | null = null;
    const maxWorkers = this.options.workers ?? PreparePool.defaultSize();
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let pool: PreparePool | null = null;
    let batch: PreparedArticle[] = [];
    let chunk: RawRecord[] = [];
    const inflight: Array<Promise<PrepareResult[]>> = [];

    const fail = (error: Message) => {
      summary.errors.push(error);
      if (this.options.strict) throw new StrictModeError(`${formatOrigin(error.origin)}: ${error.reason}`);
    };
    const prepareInline = async (records: RawRecord[]): Promise<PrepareResult[]> => {
      inline ??= { ...(await loadPrepareStages({ clusterParams: this.params })), ...this.options.prepare };
      if (!inline.extractHtml && records.some((r) => r.input.html !== undefined)) {
        // linkedom and Readability load only for inputs that need them.
        inline.extractHtml = (await import('../extract/index.ts')).extractArticle;
      }
      const stages = inline;
      return records.map((record) => prepareArticle(record, stages));
    };
    const flushChunk = () => {
      if (chunk.length === 0) return;
      inflight.push(pool ? pool.prepare(chunk) : prepareInline(chunk));
      chunk = [];
    };
    const commitEvery = Math.max(1, this.options.commitEvery ?? DEFAULT_COMMIT_EVERY);
    let uncommitted = 0;
    const processAndCommit = async (articles: PreparedArticle[]) => {
      await this.processBatch(articles, summary);
      if (++uncommitted >= commitEvery) {
        await this.store.flushWrites();
        uncommitted = 0;
      }
      this.options.onBatch?.(summary);
    };
    /** Consumes prepared chunks in order until at most `limit` are still in flight. */
    const drain = async (limit: number) => {
      while (inflight.length > limit) {
        for (const result of await inflight.shift()!) {
          if ('error' in result) fail(result.error);
          else batch.push(result.article);
          if (batch.length >= batchSize) {
            await processAndCommit(batch);
            batch = [];
          }
        }
      }
    };

    await this.store.groupWrites(commitEvery > 1);
    try {
      for await (const item of items) {
        if ('error' in item) {
          fail(item.error);
          continue;
        }
        summary.read++;
        chunk.push(item.record);
        // Small inputs are prepared inline; past a threshold, worker threads take over.
        if (!pool && maxWorkers > 0 && summary.read >= (this.options.workerThreshold ?? WORKER_THRESHOLD)) pool = await PreparePool.start(maxWorkers, this.params);
        if (chunk.length >= CHUNK_SIZE) {
          flushChunk();
          await drain(MAX_CHUNKS_IN_FLIGHT);
        }
        if (summary.read % 100 === 0) this.options.onProgress?.(summary);
      }
      flushChunk();
      await drain(0);
      if (batch.length) await processAndCommit(batch);
      await this.store.groupWrites(false);
    } catch (err) {
      // Batches processed before the failure are kept, as when each was committed alone
      // (strict mode promises that nothing of the failing batch is stored, and it is not).
      await this.store.groupWrites(false).catch(() => {});
      throw err;
    } finally {
      // Which thread limits throughput: the busier one (npm run bench prints these).
      if (pool) {
        const ingestMs = threadCpuMs();
        summary.threadCpuMs = { ingest: ingestMs === null || this.cpuAtStart === null ? null : ingestMs - this.cpuAtStart, prepare: pool.cpuMs() };
        if (process.env.STORYLINE_THREAD_STATS) {
          const shares = pool.busyShares().map((u) => `${(u * 100).toFixed(0)}%`);
          process.stderr.write(`threads busy: ingest ${(nodePerformance.eventLoopUtilization().utilization * 100).toFixed(0)}%, prepare ${shares.join(' ')}\n`);
        }
      }
      await pool?.close();
    }
    // Read errors are found before preparation errors: report them all in input order.
    const fileOrder = new Map<string | undefined, number>();
    for (const e of summary.errors) if (!fileOrder.has(e.origin.file)) fileOrder.set(e.origin.file, fileOrder.size);
    summary.errors.sort((a, b) => fileOrder.get(a.origin.file)! - fileOrder.get(b.origin.file)! || (a.origin.line ?? 0) - (b.origin.line ?? 0));
    this.options.onProgress?.(summary);
    return summary;
  }

  private async processBatch(prepared: PreparedArticle[], summary: IngestSummary): Promise<void> {
    const ordered = publicationOrder(prepared);
    const stored = await this.store.existingIds(ordered.map((a) => a.id));
    const byHash = await this.store.articlesByContentHash([...new Set(ordered.map((a) => a.contentHash))]);
    const batchByHash = new Map<string, BatchRef[]>();
    const batchBands = new Map<string, BatchRef[]>();
    const batchIds = new Set<string>();
    const written: NewArticle[] = [];
    const writtenById = new Map<string, NewArticle>();
    const relinks: Array<{ from: string; to: string }> = [];
    const copyEdges: CopyEdge[] = [];
    const sourceLines: Array<{ source: string; lineHash: string }> = [];
    /** source → line key → articles of this batch with that line. */
    const batchLineCounts = new Map<string, Map<string, number>>();
    const spinUpdates = new Map<string, number>();
    this.copies.startBatch();

    for (const article of ordered) {
      if (stored.has(article.id) || batchIds.has(article.id)) {
        summary.alreadyStored++;
        continue;
      }
      batchIds.add(article.id);
      const self: BatchRef = { id: article.id, publishedMs: article.publishedMs, seq: ++this.seq, duplicateOf: null, storyId: null, minhash: article.minhash };

      // Exact copies first, then near copies through the persistent LSH index.
      const exact = [...(byHash.get(article.contentHash) ?? []).map(toBatchRef), ...(batchByHash.get(article.contentHash) ?? [])];
      let copies = exact;
      if (copies.length === 0 && article.nearDuplicateKeys.length) {
        const near = { minhash: article.minhash, minJaccard: NEAR_DUPLICATE_JACCARD };
        const isNear = (c: BatchRef) => c.minhash !== null && estimateJaccard(c.minhash, article.minhash) >= NEAR_DUPLICATE_JACCARD;
        copies = (await this.store.nearDuplicateCandidates(article.nearDuplicateKeys, near)).map(toBatchRef).filter(isNear);
        for (const key of article.nearDuplicateKeys) for (const c of batchBands.get(key) ?? []) if (isNear(c)) copies.push(c);
      }
      const original = copies.length ? rootOf(copies) : null;

      let storyId: number;
      if (original && original.storyId !== null && (await this.ensureStory(original.storyId))) {
        this.clusterer.join(original.storyId, this.clusterArticle(article));
        storyId = original.storyId;
      } else {
        const assignment = this.clusterer.assign(this.clusterArticle(article));
        if (assignment.isNew) summary.storiesCreated++;
        storyId = assignment.storyId;
      }
      summary.storiesTouched.add(storyId);
      self.storyId = storyId;

      if (original) {
        summary.duplicates++;
        if (isEarlier(self, original)) {
          // The copy we already had is later than this one: this one becomes the original.
          relinks.push({ from: original.id, to: self.id });
          const pending = writtenById.get(original.id);
          if (pending) pending.duplicateOf = self.id;
          for (const w of written) if (w.duplicateOf === original.id) w.duplicateOf = self.id;
          for (const list of batchByHash.values()) for (const r of list) if (r.id === original.id || r.duplicateOf === original.id) r.duplicateOf = self.id;
        } else {
          self.duplicateOf = original.id;
        }
      }

      const boilerplate = await this.withTemplates(article, batchLineCounts);
      if (article.lineKeys.length > 0) {
        let counts = batchLineCounts.get(article.source!);
        if (!counts) batchLineCounts.set(article.source!, (counts = new Map()));
        for (const lineHash of article.lineKeys) {
          sourceLines.push({ source: article.source!, lineHash });
          counts.set(lineHash, (counts.get(lineHash) ?? 0) + 1);
        }
      }

      let spin: number | null = null;
      if (article.copy) {
        const outcome = await this.copies.detect({ id: article.id, publishedMs: article.publishedMs, ...article.copy }, new Set());
        copyEdges.push(...outcome.edges);
        spin = outcome.spinScore;
        for (const update of outcome.spinUpdates) {
          const pending = writtenById.get(update.id);
          if (pending) pending.spinScore = Math.max(pending.spinScore ?? 0, update.spinScore);
          else spinUpdates.set(update.id, Math.max(spinUpdates.get(update.id) ?? 0, update.spinScore));
        }
      }

      const row: NewArticle = {
        id: article.id,
        inputId: article.inputId,
        url: article.url,
        source: article.source,
        title: article.title,
        published: article.published,
        publishedMs: article.publishedMs,
        language: article.language,
        text: article.text,
        raw: article.raw,
        origin: article.origin,
        contentHash: article.contentHash,
        duplicateOf: self.duplicateOf,
        storyId,
        boilerplate,
        annotations: article.annotations,
        serialisedAnnotations: article.serialisedAnnotations,
        spinScore: spin,
        copyKeys: article.copy?.copyKeys ?? [],
        minhash: article.minhash,
        nearDuplicateKeys: article.nearDuplicateKeys,
      };
      written.push(row);
      writtenById.set(row.id, row);
      push(batchByHash, article.contentHash, self);
      for (const key of article.nearDuplicateKeys) push(batchBands, key, self);
      summary.added++;
    }

    const df = this.clusterer.takeDfDeltas();
    await this.store.commitBatch({
      articles: written,
      stories: this.clusterer.takeDirty(),
      duplicateRelinks: relinks,
      dfDeltas: df.deltas,
      docCountDelta: df.docs,
      nextStoryId: this.clusterer.nextId,
      copyEdges,
      sourceLines,
      spinUpdates: [...spinUpdates].map(([id, spinScore]) => ({ id, spinScore })),
    });
  }

  /**
   * Adds template spans: lines this source has already published in other articles (bylines,
   * sign-offs, subscription pleas). Found here, where the per-source counts are.
   */
  private async withTemplates(article: PreparedArticle, batchLineCounts: Map<string, Map<string, number>>): Promise<BoilerplateSpan[]> {
    if (!article.source || article.lineKeys.length === 0 || !this.findTemplates) return article.boilerplate;
    const stored = await this.store.sourceLineCounts(article.source, article.lineKeys);
    const inBatch = batchLineCounts.get(article.source);
    const seen = (hash: string) => (stored.get(hash) ?? 0) + (inBatch?.get(hash) ?? 0);
    if (!article.lineKeys.some((hash) => seen(hash) > 0)) return article.boilerplate;
    const templates = this.findTemplates(article.text, seen);
    const merged = [...article.boilerplate];
    for (const t of templates) if (!merged.some((b) => t.start < b.end && b.start < t.end)) merged.push(t);
    return merged.sort((a, b) => a.start - b.start);
  }

  /** Makes sure a story is in the clusterer's memory (it may have been evicted). */
  private async ensureStory(id: number): Promise<boolean> {
    if (this.clusterer.stories.has(id)) return true;
    const [row] = await this.store.loadStories([id]);
    if (!row) return false;
    this.clusterer.restore(row);
    return true;
  }

  private clusterArticle(article: PreparedArticle) {
    return { id: article.id, title: article.title, source: article.source, publishedMs: article.publishedMs, features: article.features };
  }
}

function toBatchRef(ref: ArticleRef): BatchRef {
  // Stored articles came before anything in this run: their seq sorts first, in their own order.
  return { id: ref.id, publishedMs: ref.publishedMs, seq: ref.ingestSeq - Number.MAX_SAFE_INTEGER, duplicateOf: ref.duplicateOf, storyId: ref.storyId, minhash: ref.minhash };
}

/** The original among copies: follow duplicateOf, take the earliest. */
function rootOf(copies: BatchRef[]): BatchRef {
  const roots = copies.filter((c) => c.duplicateOf === null);
  if (roots.length) return roots.reduce((best, c) => (isEarlier(c, best) ? c : best));
  // Only copies of an original that is not among the candidates: point to that original.
  const earliest = copies.reduce((best, c) => (isEarlier(c, best) ? c : best));
  return { ...earliest, id: earliest.duplicateOf!, duplicateOf: null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function ingest(store: Store, items: AsyncIterable<ReadItem>, options: IngestOptions = {}): Promise<IngestSummary> {
  const ingestor = new Ingestor(store, options);
  await ingestor.init();
  return ingestor.run(items);
}
