/**
 * The stages ingest runs by default, in one place so the CLI, the server and the benchmark
 * ingest exactly the same way.
 */
import type { IngestOptions } from './ingest.ts';

export async function defaultIngestOptions(): Promise<IngestOptions> {
  return {};
}
