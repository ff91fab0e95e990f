/**
 * A pool of prepare workers. Records go out in chunks and come back in the same order, so the
 * ingest stage sees exactly the sequence it would have prepared itself.
 */
import os from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { RawRecord } from '../types.ts';
import type { ClusterParams } from '../cluster/features.ts';
import { isNumbered, TermSpace } from '../cluster/term-numbers.ts';
import { analysisText, finishArticle, internalError, type PrepareOptions, type PrepareResult } from './prepare.ts';
import { loadCopyFeatures } from './stages.ts';
import { boilerplateLineKeys } from '../dedup/boilerplate.ts';
import { CanonicalWordSpace, canonicalFromNumbered } from '../dedup/canonical.ts';
import type { PrepareRequest, PrepareResponse } from './prepare-worker.ts';

/**
 * Old-generation heap of a prepare worker. Its live data is the models (about 250 MB) and
 * bounded word caches (up to ~150 MB); without a limit V8 lets garbage pile up to several
 * times that before collecting (peak RSS on the 20k bench corpus: 2.4 → 2.1 GB with the
 * limit, at the same speed).
 */
const WORKER_HEAP_MB = 640;
/**
 * Young generation of a prepare worker. Preparing an article allocates a few MB of
 * short-lived tokens, features and annotation objects; with a worker's default young
 * generation much of that survived into the old one before it died, and the worker spent
 * its time collecting (`npm run bench:prepare -- --articles 12000`, same build: 3.2–3.7 ms
 * per article by default, 2.96–2.97 with 32–48 MB, 2.9 with 96–128 MB at +100 MB RSS).
 */
const WORKER_YOUNG_HEAP_MB = 48;
/** How often the pool compares how busy the threads were (see rebalance). */
const REBALANCE_EVERY_MS = 1_000;

export class PreparePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (results: PrepareResult[]) => void>();
  private nextChunk = 0;
  private failure: Error | null = null;
  /** Whether workers do the steps either side can do; see rebalance. */
  private finishInWorkers = true;
  private balanced = true;
  private lastRebalance = performance.now();
  private threadLoads: EventLoopUtilization[] = [];
  /** Each worker's CPU time as of its last response (null where unknown). */
  private readonly workerCpuMs: Array<number | null> = [];

  private constructor() {}

  /** Workers to start: one per core beyond the main thread, at least one. */
  static defaultSize(): number {
    return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
  }

  /** `finishInWorkers` pins where the steps either thread can do run (tests); by default the pool balances them. */
  static async start(size = PreparePool.defaultSize(), clusterParams?: ClusterParams, options: { finishInWorkers?: boolean } = {}): Promise<PreparePool> {
    const pool = new PreparePool();
    if (options.finishInWorkers !== undefined) {
      pool.finishInWorkers = options.finishInWorkers;
      pool.balanced = false;
    }
    // Copy features are computed here, on arrival, not in the worker: a canonical text holds
    // this thread's shared word entries (with their synsets), which a message cannot carry.
    // A worker with time to spare scans and numbers the words (canonical.ts WordNumbering),
    // and the canonical text is then built here from the numbers with array reads.
    const copyFeatures: NonNullable<PrepareOptions['copyFeatures']> = await loadCopyFeatures();
    const boot = new URL('./prepare-worker-boot.mjs', import.meta.url);
    await Promise.all(
      Array.from({ length: size }, () => {
        const worker = new Worker(boot, { workerData: { clusterParams }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB } });
        const index = pool.workers.push(worker) - 1;
        pool.workerCpuMs[index] = null;
        // The worker's numbered terms and words, kept in the order it posts them.
        const terms = new TermSpace();
        const words = new CanonicalWordSpace();
        return new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.on('message', (message: PrepareResponse | { ready: true }) => {
            if ('ready' in message) return resolve();
            pool.workerCpuMs[index] = message.cpuMs;
            terms.extend(message.newTerms);
            words.extend(message.newWords);
            const done = pool.pending.get(message.chunk);
            pool.pending.delete(message.chunk);
            if (!done) return; // settled already, by a worker failure
            const results = message.results.map((result): PrepareResult => {
              if (!('article' in result)) return result;
              const { article } = result;
              if (isNumbered(article.features)) article.features.space = terms;
              try {
                const clean = analysisText(article.text, article.boilerplate);
                const numbered = article.canonicalWords;
                delete article.canonicalWords;
                article.copy = copyFeatures(clean, article.text, numbered && canonicalFromNumbered(numbered, words));
                finishArticle(article, clean, boilerplateLineKeys);
                return result;
              } catch (err) {
                return internalError(article.origin, err);
              }
            });
            done(results);
          });
          worker.on('error', (err) => {
            pool.failure = err;
            for (const done of pool.pending.values()) done(Array.from({ length: 0 }));
          });
        });
      }),
    );
    return pool;
  }

  /** Prepares one chunk of records on the next worker (round robin). */
  prepare(records: RawRecord[]): Promise<PrepareResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    this.rebalance();
    const chunk = this.nextChunk++;
    const worker = this.workers[chunk % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(chunk, (results) => (this.failure ? reject(this.failure) : resolve(results)));
      worker.postMessage({ chunk, records, finishHere: this.finishInWorkers } satisfies PrepareRequest);
    });
  }

  /**
   * Gives the steps either thread can do to whichever was less busy over the last second:
   * this thread or the workers on average. The steps are language detection (up to 0.14 ms
   * an article; less where the English fast path decides), line keys (~0.03) and annotation
   * serialisation (~0.03), as `npm run bench:fast-paths` measures them, and the scan of the
   * words copy features read (WordNumbering; the canonical text is built here either way).
   * Early in a large ingest the workers limit the rate; as the store grows, the ingest
   * thread's look-ups and writes catch up with them, and the work moves back. The results do
   * not depend on where the steps ran.
   */
  private rebalance(): void {
    const now = performance.now();
    if (!this.balanced || now - this.lastRebalance < REBALANCE_EVERY_MS) return;
    this.lastRebalance = now;
    const loads = [performance.eventLoopUtilization(), ...this.workers.map((w) => w.performance.eventLoopUtilization())];
    if (this.threadLoads.length === loads.length) {
      const shares = loads.map((load, i) => performance.eventLoopUtilization(load, this.threadLoads[i]).utilization);
      const workerShare = shares.slice(1).reduce((sum, share) => sum + share, 0) / this.workers.length;
      this.finishInWorkers = shares[0] >= workerShare;
    }
    this.threadLoads = loads;
  }

  /** Share of its life each worker's event loop spent working (1 = never idle). */
  busyShares(): number[] {
    return this.workers.map((w) => w.performance.eventLoopUtilization().utilization);
  }

  /** Each worker's CPU time in milliseconds as of its last chunk (null where the platform does not tell). */
  cpuMs(): Array<number | null> {
    return [...this.workerCpuMs];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
