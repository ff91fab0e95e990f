/**
 * WARC archives (.warc, .warc.gz): `response` (and `resource`) records with HTML bodies
 * become HTML records with the record's target URI and capture date; everything else
 * (request, metadata, warcinfo, revisit, non-HTML or non-200 responses) is skipped and
 * counted, and the counts are reported once per file as a warning. Records stream one at
 * a time, so archive size is bounded by disk, not memory.
 */
import { WARCParser, type LimitReader, type WARCRecord } from 'warcio';
import type { ReadItem } from '../types.ts';
import type { ReadOptions } from './readers.ts';
import { openBytes } from './bytes.ts';
import { DEFAULT_MAX_BYTES } from './fetch.ts';
import { bodyKind, decodeHtml, mediaType } from './fetch-decode.ts';
import { parsePublished } from './published.ts';

export interface WarcReadOptions extends ReadOptions {
  /** Larger records are skipped with an error (default 10 MiB, like --max-bytes). */
  maxRecordBytes?: number;
}

/** Media types that are certainly not pages: skipped without reading their bodies. */
function clearlyNotHtml(type: string): boolean {
  return type !== '' && !/^(text\/html|application\/xhtml\+xml|text\/plain|application\/octet-stream|unk|unknown)/.test(type);
}

/** Bytes of a record's block that the archive promised but did not contain. */
function missingBytes(record: WARCRecord): number {
  try {
    const reader = record.reader as unknown as LimitReader;
    return typeof reader.limit === 'number' && reader.limit > 0 ? reader.limit : 0;
  } catch {
    return 0;
  }
}

function describeSkips(skipped: Map<string, number>): string {
  return [...skipped.entries()].map(([kind, count]) => `${count} ${count === 1 ? kind : kind.replace(/\b(record|response)\b/, '$1s')}`).join(', ');
}

export async function* readWarc(file: string, options: WarcReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_BYTES;
  const skipped = new Map<string, number>();
  const skip = (kind: string) => skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
  let records = 0;
  let previous: WARCRecord | null = null;
  /** The error that ends the file early (truncation, not a WARC); reported after the good records. */
  let fatal: ReadItem | null = null;
  const truncatedError = (record: WARCRecord): ReadItem => ({
    error: {
      level: 'error',
      reason: `truncated WARC: record ${records} (${record.warcType ?? 'unknown type'}${record.warcTargetURI ? ' ' + record.warcTargetURI : ''}) lacks ${missingBytes(record)} bytes of its declared length`,
      origin: { file, url: record.warcTargetURI ?? undefined },
    },
  });
  try {
    const parser = new WARCParser(openBytes(file));
    for await (const record of parser) {
      // A skipped record is only drained when the next one is parsed: check it now.
      if (previous && missingBytes(previous) > 0) {
        fatal = truncatedError(previous);
        break;
      }
      previous = record;
      records++;
      if (records === 1 && !record.warcHeaders.statusline.startsWith('WARC/')) {
        fatal = { error: { level: 'error', reason: 'not a WARC file (no WARC/ version line)', origin: { file } } };
        break;
      }
      const type = record.warcType ?? 'untyped';
      if (type !== 'response' && type !== 'resource') {
        skip(`${type} record`);
        continue;
      }
      const url = record.warcTargetURI ?? undefined;
      const origin = { file, url };
      let contentType: string | null;
      if (type === 'response') {
        const status = Number(record.httpHeaders?.statusCode);
        if (!record.httpHeaders || !status) {
          skip('response without HTTP headers');
          continue;
        }
        if (status < 200 || status > 299) {
          skip(`HTTP ${Math.floor(status / 100)}xx response`);
          continue;
        }
        contentType = record.httpHeaders.headers.get('content-type') ?? null;
      } else {
        contentType = record.warcHeader('Content-Type') ?? null;
      }
      if (clearlyNotHtml(mediaType(contentType))) {
        skip('non-HTML response');
        continue;
      }
      if (record.warcContentLength > maxRecordBytes) {
        yield { error: { level: 'error', reason: `record of ${record.warcContentLength} bytes exceeds the ${maxRecordBytes}-byte limit: skipped`, origin } };
        continue;
      }
      // Raw first (to see whether the archive holds the whole block), then decoded
      // (chunked transfer and gzip/br content encodings undone).
      await record.readFully(false);
      if (missingBytes(record) > 0) {
        fatal = truncatedError(record);
        break;
      }
      let body: Uint8Array;
      try {
        body = await record.readFully(true);
      } catch (err) {
        yield { error: { level: 'error', reason: `cannot decode response body: ${(err as Error).message}`, origin } };
        continue;
      }
      if (bodyKind(contentType, body) !== 'html') {
        skip('non-HTML response');
        continue;
      }
      const html = decodeHtml(body, contentType);
      const date = parsePublished(record.warcDate ?? undefined);
      const published = 'iso' in date && date.iso ? date.iso : undefined;
      yield {
        record: {
          input: { html, ...(url ? { url } : {}) },
          origin,
          raw: html,
          // WARC-Date is when the page was captured: used only when the page states no date.
          fallback: published ? { published } : {},
        },
      };
    }
    if (!fatal && previous && missingBytes(previous) > 0) fatal = truncatedError(previous);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'Z_BUF_ERROR' || /unexpected end/i.test((err as Error).message)
        ? `truncated WARC: the gzip stream ends inside record ${records + 1}`
        : `cannot read WARC after ${records} records: ${(err as Error).message}`;
    fatal = { error: { level: 'error', reason, origin: { file } } };
  }
  if (fatal) yield fatal;
  if (skipped.size) {
    yield { error: { level: 'warning', reason: `skipped WARC records: ${describeSkips(skipped)}`, origin: { file } } };
  }
}
