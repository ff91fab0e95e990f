/** A JSON file: a news-please article object, or an array of article objects. */
import type { ReadItem } from '../../types.ts';
import { recordFromObject } from '../record.ts';

export function* readJsonDocument(text: string, file: string): Generator<ReadItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield { error: { level: 'error', reason: `malformed JSON: ${(err as Error).message}`, origin: { file } } };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield recordFromObject(value[i], { file, line: undefined, url: undefined }, JSON.stringify(value[i]));
    }
    return;
  }
  yield recordFromObject(value, { file }, text);
}
