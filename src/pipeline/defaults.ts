/**
 * The stages ingest runs by default, in one place so the CLI, the server and the benchmark
 * ingest exactly the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IngestOptions } from './ingest.ts';

/**
 * Local input at least this large (about 2,000 articles of JSONL) goes to worker threads
 * from the first record: preparing the first records inline would load the tagger and the
 * gazetteers on the main thread too, for nothing once the workers run.
 */
const LARGE_INPUT_BYTES = 4_000_000;
/** Gzipped text expands about this much. */
const GZIP_RATIO = 4;

/** Bytes of local input behind these arguments (files, directories; URLs and stdin count 0). */
export function localInputBytes(inputs: readonly string[], limit = LARGE_INPUT_BYTES): number {
  let total = 0;
  const visit = (p: string): void => {
    if (total >= limit) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return; // URLs, '-', missing paths: the readers report those
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.isFile()) {
      total += p.endsWith('.gz') ? stat.size * GZIP_RATIO : stat.size;
    }
  };
  for (const input of inputs) visit(input);
  return total;
}

/** Large local input: prepared by workers from the first record, ingested on its own thread (ingest-thread.ts). */
export function isLargeInput(inputs: readonly string[]): boolean {
  return localInputBytes(inputs) >= LARGE_INPUT_BYTES;
}

/** `largeInput`: what isLargeInput said of the inputs (workers take over from the first record). */
export async function defaultIngestOptions(options: { largeInput?: boolean } = {}): Promise<IngestOptions> {
  return options.largeInput ? { workerThreshold: 0 } : {};
}
