/**
 * `npm run bench:prepare [-- --articles N --corpus FILE]`: the prepare stage alone, as
 * ingest runs it for large inputs (one PreparePool worker, a batch's worth of chunks in
 * flight, copy features computed on arrival), without the store, copy alignment or
 * clustering. Reports wall time per article (the worker is the ingest pipeline's slower
 * thread) and the process CPU per article (worker plus the receiving thread).
 * The corpus defaults to the one `npm run bench -- --articles 20000` writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PreparePool } from '../src/pipeline/prepare-pool.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../src/cluster/features.ts';
import { readInputs } from '../src/ingest/readers.ts';
import type { RawRecord } from '../src/types.ts';
import type { PrepareResult } from '../src/pipeline/prepare.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '6000' },
    corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../bench-data/corpus-20000.jsonl') },
  },
});
const wanted = Number(values.articles);
if (!fs.existsSync(values.corpus!)) {
  console.error(`no corpus at ${values.corpus}: run \`npm run bench -- --articles 20000\` first, or pass --corpus FILE`);
  process.exit(2);
}
const records: RawRecord[] = [];
for await (const item of readInputs([values.corpus!])) {
  if ('record' in item) records.push(item.record);
  if (records.length >= wanted) break;
}
const pool = await PreparePool.start(1, DEFAULT_CLUSTER_PARAMS);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const inflight: Array<Promise<PrepareResult[]>> = [];
let errors = 0;
const settle = (results: PrepareResult[]) => (errors += results.filter((r) => 'error' in r).length);
for (let i = 0; i < records.length; i += 100) {
  inflight.push(pool.prepare(records.slice(i, i + 100)));
  if (inflight.length >= 12) settle(await inflight.shift()!);
}
for (const results of await Promise.all(inflight)) settle(results);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await pool.close();
if (errors > 0) process.exitCode = 1; // timings of failed records mean nothing
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString().slice(0, 10),
      articles: records.length,
      errors,
      msPerArticleWall: +(ms / records.length).toFixed(2),
      msCpuPerArticle: +((cpu.user + cpu.system) / 1000 / records.length).toFixed(2),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
