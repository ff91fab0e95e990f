/** CSV with a header row; columns map to contract fields through the same aliases as JSON. */
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { ReadItem } from '../../types.ts';
import { recordFromObject } from '../record.ts';

export async function* readCsv(stream: Readable, file: string): AsyncGenerator<ReadItem> {
  const parser = stream.pipe(
    parse({ columns: true, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: false }),
  );
  const iterator = parser[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<{ record: Record<string, string>; info: { lines: number } }>;
    try {
      next = await iterator.next();
    } catch (err) {
      // csv-parse cannot resynchronise after a broken quote: report where and stop this file.
      const lines = (err as { lines?: number }).lines;
      yield { error: { level: 'error', reason: `malformed CSV: ${(err as Error).message}`, origin: { file, line: lines } } };
      return;
    }
    if (next.done) return;
    const { record, info } = next.value;
    yield recordFromObject(record, { file, line: info.lines }, JSON.stringify(record));
  }
}
