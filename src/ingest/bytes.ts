/**
 * Byte-level input: files or stdin, gunzipped when compressed, split into lines with strict
 * UTF-8 decoding so one bad line is reported without losing the rest.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzipped(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** The input's name without a trailing .gz, lower-cased, for format detection. */
export function formatName(path: string): string {
  return path.toLowerCase().replace(/\.gz$/, '');
}

function readHead(path: string): Uint8Array {
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const read = fs.readSync(fd, head, 0, 2, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** A byte stream of the file's (decompressed) content. */
export function openBytes(path: string): Readable {
  if (path === '-') return process.stdin;
  const raw = fs.createReadStream(path);
  return isGzipped(readHead(path)) ? raw.pipe(zlib.createGunzip()) : raw;
}

/** Whole (decompressed) content; throws with a clear reason on a truncated or corrupt gzip. */
export async function readAllBytes(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openBytes(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode strictly; returns null on invalid UTF-8. A leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return null;
  }
}

/** Looks binary: NUL bytes or many control characters in the first KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export interface ByteLine {
  /** 1-based line number. */
  line: number;
  bytes: Buffer;
}

/** Lines of a byte stream (without the newline). Stream errors (bad gzip) propagate. */
export async function* byteLines(stream: Readable): AsyncGenerator<ByteLine> {
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of stream) {
    let buffer = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let nl = buffer.indexOf(0x0a, from); nl !== -1; nl = buffer.indexOf(0x0a, from)) {
      line++;
      const end = nl > from && buffer[nl - 1] === 0x0d ? nl - 1 : nl;
      yield { line, bytes: buffer.subarray(from, end) };
      from = nl + 1;
    }
    pending = Buffer.from(buffer.subarray(from));
    buffer = pending;
  }
  if (pending.length) yield { line: line + 1, bytes: pending };
}
