/**
 * Worker thread body: prepares records off the ingest thread. The ingest thread keeps the
 * store, duplicate lookups, copy detection and story assignment; the pure, CPU-heavy stages
 * run here, except copy features (see prepare-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawRecord } from '../types.ts';
import type { ClusterParams } from '../cluster/features.ts';
import { initHashing } from '../dedup/hash.ts';
import { internalError, prepareArticle, type PrepareResult } from './prepare.ts';
import { loadPrepareStages } from './stages.ts';

export interface PrepareRequest {
  chunk: number;
  records: RawRecord[];
}

export interface PrepareResponse {
  chunk: number;
  results: PrepareResult[];
}

if (!parentPort) throw new Error('prepare-worker must run in a worker thread');
const port = parentPort;

await initHashing();
const stages = await loadPrepareStages({ html: true, copyFeatures: false, clusterParams: (workerData as { clusterParams?: ClusterParams } | null)?.clusterParams });
port.on('message', (request: PrepareRequest) => {
  const results = request.records.map((record) => {
    try {
      return prepareArticle(record, stages);
    } catch (err) {
      return internalError(record.origin, err);
    }
  });
  port.postMessage({ chunk: request.chunk, results } satisfies PrepareResponse);
});
port.postMessage({ ready: true });
