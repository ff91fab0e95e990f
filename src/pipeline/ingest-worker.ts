/**
 * Ingest thread body (see ingest-thread.ts): read items arrive as messages, the ingest runs
 * here against its own store connection, progress and the summary go back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Message, ReadItem } from '../types.ts';
import { openStore } from '../store/sqlite/index.ts';
import { ingest, StrictModeError, type IngestSummary } from './ingest.ts';
import type { FromIngestThread, ProgressReport, ThreadIngestOptions, ToIngestThread } from './ingest-thread.ts';

if (!parentPort) throw new Error('ingest-worker must run in a worker thread');
const port = parentPort;
const { dbPath, options } = workerData as { dbPath: string; options: ThreadIngestOptions };
const post = (message: FromIngestThread) => port.postMessage(message);

const pending: ReadItem[][] = [];
let ended = false;
let wake: (() => void) | null = null;
port.on('message', (message: ToIngestThread) => {
  if (message.type === 'items') pending.push(message.items);
  else ended = true;
  wake?.();
  wake = null;
});

async function* received(): AsyncGenerator<ReadItem> {
  for (;;) {
    const next = pending.shift();
    if (next) {
      post({ type: 'read' });
      yield* next;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

let reportedErrors = 0;
function report(summary: IngestSummary): ProgressReport {
  const newErrors: Message[] = summary.errors.slice(reportedErrors);
  reportedErrors = summary.errors.length;
  const { read, added, duplicates, alreadyStored, storiesCreated } = summary;
  return { read, added, duplicates, alreadyStored, storiesCreated, newErrors };
}

const store = openStore(dbPath);
try {
  const summary = await ingest(store, received(), {
    ...options,
    onProgress: (s) => post({ type: 'progress', report: report(s) }),
    onBatch: (s) => post({ type: 'batch', report: report(s) }),
  });
  await store.close();
  post({ type: 'done', summary });
} catch (err) {
  await store.close();
  post({ type: 'failed', message: (err as Error).message, strict: err instanceof StrictModeError });
}
