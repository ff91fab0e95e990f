/**
 * Worker thread body: prepares records off the ingest thread. The ingest thread keeps the
 * store, duplicate lookups, copy detection and story assignment; the pure, CPU-heavy stages
 * run here, except copy features (see prepare-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawRecord } from '../types.ts';
import type { ClusterParams } from '../cluster/features.ts';
import { TermNumbers } from '../cluster/term-numbers.ts';
import { WordNumbering } from '../dedup/canonical.ts';
import { initHashing } from '../dedup/hash.ts';
import { internalError, prepareArticle, type PrepareResult } from './prepare.ts';
import { loadPrepareStages } from './stages.ts';
import { serialiseAnnotations } from '../store/facets.ts';
import { threadCpuMs } from './thread-cpu.ts';

export interface PrepareRequest {
  chunk: number;
  records: RawRecord[];
  /**
   * Whether this worker does the steps either thread can do (language detection, line keys,
   * annotation serialisation, the numbering of the words copy features read) or leaves them to
   * the receiving thread (see PreparePool.rebalance).
   */
  finishHere: boolean;
}

export interface PrepareResponse {
  chunk: number;
  results: PrepareResult[];
  /** Terms numbered for the first time in this chunk's features, in number order. */
  newTerms: string[];
  /** Words numbered for the first time in this chunk (canonical.ts WordNumbering.takeNew). */
  newWords: Array<string | null>;
  /** This worker thread's CPU time so far (thread-cpu.ts), for the thread statistics. */
  cpuMs: number | null;
}

if (!parentPort) throw new Error('prepare-worker must run in a worker thread');
const port = parentPort;

await initHashing();
const stages = await loadPrepareStages({ html: true, copyFeatures: false, clusterParams: (workerData as { clusterParams?: ClusterParams } | null)?.clusterParams });
const terms = new TermNumbers();
stages.termNumbers = terms;
const words = new WordNumbering();
stages.canonicalWords = words;
const deferring = { ...stages, deferFinish: true };
port.on('message', (request: PrepareRequest) => {
  words.startMessage();
  const results = request.records.map((record): PrepareResult => {
    try {
      const result = prepareArticle(record, request.finishHere ? stages : deferring);
      if ('article' in result) {
        const { article } = result;
        // Posted as the JSON the store writes and its facet rows, not as objects to rebuild.
        if (article.annotations && request.finishHere) {
          article.serialisedAnnotations = serialiseAnnotations(article.annotations);
          article.annotations = null;
        }
      }
      return result;
    } catch (err) {
      return internalError(record.origin, err);
    }
  });
  // The terms first numbered in this chunk travel with it (see term-numbers.ts).
  port.postMessage({ chunk: request.chunk, results, newTerms: terms.takeNew(), newWords: words.takeNew(), cpuMs: threadCpuMs() } satisfies PrepareResponse);
});
port.postMessage({ ready: true });
