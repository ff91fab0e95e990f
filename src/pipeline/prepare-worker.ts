/**
 * Worker thread body: prepares records off the main thread. The main thread keeps the store,
 * duplicate lookups and story assignment; everything pure and CPU-heavy runs here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawRecord } from '../types.ts';
import type { ClusterParams } from '../cluster/features.ts';
import { initHashing } from '../dedup/hash.ts';
import { portable, type CanonicalText } from '../dedup/canonical.ts';
import { prepareArticle, type PrepareResult } from './prepare.ts';
import { loadPrepareStages } from './stages.ts';

export interface PrepareRequest {
  chunk: number;
  records: RawRecord[];
}

/** Results as posted: each canonical text without synsets (see `portable`; the pool restores them). */
export interface PrepareResponse {
  chunk: number;
  results: PrepareResult[];
}

function forPosting(result: PrepareResult): PrepareResult {
  if (!('article' in result) || !result.article.copy) return result;
  // Typed as the full text for the trip only: the pool restores the synsets on arrival.
  const copy = { ...result.article.copy, canonical: portable(result.article.copy.canonical) as CanonicalText };
  return { article: { ...result.article, copy } };
}

if (!parentPort) throw new Error('prepare-worker must run in a worker thread');
const port = parentPort;

await initHashing();
const stages = await loadPrepareStages({ html: true, clusterParams: (workerData as { clusterParams?: ClusterParams } | null)?.clusterParams });
port.on('message', (request: PrepareRequest) => {
  const results = request.records.map((record) => {
    try {
      return forPosting(prepareArticle(record, stages));
    } catch (err) {
      return { error: { level: 'error' as const, reason: `internal error while preparing: ${(err as Error).message}`, origin: record.origin } };
    }
  });
  port.postMessage({ chunk: request.chunk, results } satisfies PrepareResponse);
});
port.postMessage({ ready: true });
