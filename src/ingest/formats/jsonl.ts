/** JSONL: one article object a line (DESIGN.md input contract). */
import type { Readable } from 'node:stream';
import type { ReadItem } from '../../types.ts';
import { byteLines, decodeUtf8 } from '../bytes.ts';
import { recordFromObject } from '../record.ts';

export async function* readJsonl(stream: Readable, file: string): AsyncGenerator<ReadItem> {
  for await (const { line, bytes } of byteLines(stream)) {
    const origin = { file, line };
    const text = decodeUtf8(bytes);
    if (text === null) {
      yield { error: { level: 'error', reason: 'invalid UTF-8', origin } };
      continue;
    }
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { error: { level: 'error', reason: `malformed JSON: ${(err as Error).message}`, origin } };
      continue;
    }
    yield recordFromObject(value, origin, text);
  }
}
