/**
 * Readers: inputs (files, directories, stdin, and — via registered readers — URLs, feeds,
 * WARC) → article records. The format comes from the file name (after an optional .gz);
 * an unknown format is an error naming the file, never a guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReadItem } from '../types.ts';
import { decodeUtf8, formatName, looksBinary, openBytes, readAllBytes } from './bytes.ts';
import { readCsv } from './formats/csv.ts';
import { readJsonDocument } from './formats/json.ts';
import { readJsonl } from './formats/jsonl.ts';
import { readTextDocument } from './formats/text.ts';

export interface ReadOptions {
  /** Publisher for plain-text files, which carry none. */
  source?: string;
  /** Format for stdin ("jsonl", "csv", "json", "txt", "html"); sniffed when absent. */
  format?: string;
}

/** A reader for one kind of input; `matches` sees the lower-cased name without .gz. */
export interface InputReader {
  name: string;
  matches(name: string): boolean;
  read(input: string, options: ReadOptions): AsyncIterable<ReadItem>;
}

/** Whole-document formats: read fully, strict UTF-8, binary refused. */
async function* readDocument(
  file: string,
  parse: (text: string) => Iterable<ReadItem> | ReadItem,
): AsyncGenerator<ReadItem> {
  let bytes: Buffer;
  try {
    bytes = await readAllBytes(file);
  } catch (err) {
    yield { error: { level: 'error', reason: `cannot read: ${(err as Error).message}`, origin: { file } } };
    return;
  }
  if (looksBinary(bytes)) {
    yield { error: { level: 'error', reason: 'binary content, not text', origin: { file } } };
    return;
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    yield { error: { level: 'error', reason: 'invalid UTF-8', origin: { file } } };
    return;
  }
  const result = parse(text);
  if (Symbol.iterator in result) yield* result as Iterable<ReadItem>;
  else yield result as ReadItem;
}

/** Line formats stream; a truncated gzip ends the file with one error after the good lines. */
async function* readStreamed(
  file: string,
  reader: (stream: ReturnType<typeof openBytes>, file: string) => AsyncGenerator<ReadItem>,
): AsyncGenerator<ReadItem> {
  try {
    yield* reader(openBytes(file), file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'Z_BUF_ERROR' || /unexpected end/i.test((err as Error).message)
      ? 'truncated gzip stream'
      : `cannot read: ${(err as Error).message}`;
    yield { error: { level: 'error', reason, origin: { file } } };
  }
}

const builtInReaders: InputReader[] = [
  { name: 'jsonl', matches: (n) => /\.(jsonl|ndjson)$/.test(n), read: (f) => readStreamed(f, readJsonl) },
  { name: 'csv', matches: (n) => n.endsWith('.csv'), read: (f) => readStreamed(f, readCsv) },
  { name: 'json', matches: (n) => n.endsWith('.json'), read: (f) => readDocument(f, (t) => readJsonDocument(t, f)) },
  { name: 'txt', matches: (n) => n.endsWith('.txt'), read: (f, o) => readDocument(f, (t) => readTextDocument(t, f, o.source)) },
  {
    name: 'html',
    matches: (n) => /\.html?$/.test(n),
    read: (f) => readDocument(f, (html) => ({ record: { input: { html }, origin: { file: f }, raw: html } })),
  },
];

/** Readers added by later stages (WARC, feeds, URLs) take precedence over the built-ins. */
const extraReaders: InputReader[] = [];

export function registerReader(reader: InputReader): void {
  extraReaders.push(reader);
}

function findReader(name: string): InputReader | undefined {
  return extraReaders.find((r) => r.matches(name)) ?? builtInReaders.find((r) => r.matches(name));
}

/** Files under a directory, recursively, in a stable order; hidden files skipped. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function* readStdin(options: ReadOptions): AsyncGenerator<ReadItem> {
  const format = options.format ?? 'jsonl';
  const reader = findReader(`stdin.${format}`);
  if (!reader) {
    yield { error: { level: 'error', reason: `unknown --format "${format}"`, origin: { file: '-' } } };
    return;
  }
  yield* reader.read('-', options);
}

export async function* readInputs(inputs: string[], options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for (const input of inputs) {
    if (input === '-') {
      yield* readStdin(options);
      continue;
    }
    const urlReader = /^[a-z]+:\/\//i.test(input) ? extraReaders.find((r) => r.matches(input)) : undefined;
    if (urlReader) {
      yield* urlReader.read(input, options);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      yield { error: { level: 'error', reason: 'no such file or directory', origin: { file: input } } };
      continue;
    }
    const files = stat.isDirectory() ? listFiles(input) : [input];
    for (const file of files) {
      const reader = findReader(formatName(file));
      if (!reader) {
        yield {
          error: {
            level: 'error',
            reason: `unknown format "${path.extname(formatName(file)) || path.basename(file)}" (expected .jsonl, .csv, .json, .txt, .html${extraReaders.length ? ' or ' + extraReaders.map((r) => r.name).join(', ') : ''}, optionally .gz)`,
            origin: { file },
          },
        };
        continue;
      }
      yield* reader.read(file, options);
    }
  }
}
