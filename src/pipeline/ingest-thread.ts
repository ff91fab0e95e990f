/**
 * Ingest on a thread of its own, with a bounded heap. The calling thread reads the inputs
 * and shows progress; the ingest thread owns a store connection, the clusterer and the copy
 * detector, and starts its prepare workers itself.
 *
 * Why: V8 cannot lower a running thread's heap limit, and on the main thread it let garbage
 * pile up to three times the live heap (peak RSS 1.9 GB on the 100k bench, live heap
 * ~310 MB). A worker gets `resourceLimits` at creation. Same process, so kill -9 still stops
 * everything at once and the store's transactions keep the database consistent.
 */
import { Worker } from 'node:worker_threads';
import type { Message, ReadItem } from '../types.ts';
import { StrictModeError, type IngestOptions, type IngestSummary } from './ingest.ts';

/**
 * Heap of the ingest thread: its live data stays near 300 MB on the 100k bench. A young
 * generation larger than a worker's default lets a batch's short-lived objects die young
 * instead of being promoted (20k bench: 105 → 111 articles/s; a 1,200 MB old generation
 * instead of 768 gained nothing).
 */
const INGEST_HEAP_MB = 768;
const INGEST_YOUNG_HEAP_MB = 64;
/** Read items posted at once, and messages the ingest thread may have unread. */
const ITEMS_PER_MESSAGE = 200;
const MAX_UNREAD_MESSAGES = 4;

/** What can cross to the ingest thread: plain data, no callbacks. */
export type ThreadIngestOptions = Pick<IngestOptions, 'batchSize' | 'commitEvery' | 'strict' | 'workers' | 'workerThreshold' | 'clusterParams'>;

export type ToIngestThread = { type: 'items'; items: ReadItem[] } | { type: 'end' };

/** Counts so far, and the errors found since the previous report. */
export interface ProgressReport {
  read: number;
  added: number;
  duplicates: number;
  alreadyStored: number;
  storiesCreated: number;
  newErrors: Message[];
}

export type FromIngestThread =
  | { type: 'read' }
  | { type: 'progress' | 'batch'; report: ProgressReport }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'failed'; message: string; strict: boolean };

export async function ingestInThread(
  dbPath: string,
  items: AsyncIterable<ReadItem>,
  options: ThreadIngestOptions & Pick<IngestOptions, 'onProgress' | 'onBatch'> = {},
): Promise<IngestSummary> {
  const { onProgress, onBatch, ...plain } = options;
  const worker = new Worker(new URL('./ingest-worker-boot.mjs', import.meta.url), {
    workerData: { dbPath, options: plain },
    resourceLimits: { maxOldGenerationSizeMb: INGEST_HEAP_MB, maxYoungGenerationSizeMb: INGEST_YOUNG_HEAP_MB },
  });
  // What the callbacks see: the counts reported so far (stories touched arrive at the end).
  const mirror: IngestSummary = { read: 0, added: 0, duplicates: 0, alreadyStored: 0, errors: [], storiesTouched: new Set(), storiesCreated: 0 };
  const apply = (report: ProgressReport) => {
    mirror.read = report.read;
    mirror.added = report.added;
    mirror.duplicates = report.duplicates;
    mirror.alreadyStored = report.alreadyStored;
    mirror.storiesCreated = report.storiesCreated;
    mirror.errors.push(...report.newErrors);
  };

  let unread = 0;
  let wakeSender: (() => void) | null = null;
  let failure: Error | null = null;
  const finished = new Promise<IngestSummary>((resolve, reject) => {
    const fail = (err: Error) => {
      failure = err;
      wakeSender?.();
      reject(err);
    };
    worker.on('message', (message: FromIngestThread) => {
      if (message.type === 'read') {
        unread--;
        wakeSender?.();
      } else if (message.type === 'progress' || message.type === 'batch') {
        apply(message.report);
        (message.type === 'progress' ? onProgress : onBatch)?.(mirror);
      } else if (message.type === 'done') resolve(message.summary);
      else if (message.type === 'failed') fail(message.strict ? new StrictModeError(message.message) : new Error(message.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ingest thread exited (code ${code}) before finishing`)));
  });
  finished.catch(() => {}); // observed below; avoids an unhandled rejection while sending

  const send = async (batch: ReadItem[]) => {
    while (unread >= MAX_UNREAD_MESSAGES && !failure) await new Promise<void>((resolve) => (wakeSender = resolve));
    if (failure) throw failure;
    unread++;
    worker.postMessage({ type: 'items', items: batch } satisfies ToIngestThread);
  };
  try {
    let batch: ReadItem[] = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= ITEMS_PER_MESSAGE) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length) await send(batch);
    worker.postMessage({ type: 'end' } satisfies ToIngestThread);
    // The thread's last progress report (ingest sends one at the end) already reached onProgress.
    return await finished;
  } finally {
    await worker.terminate();
  }
}
