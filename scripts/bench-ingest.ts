/**
 * `npm run bench [-- --articles N] [--commit-every K]`: end-to-end ingest of a synthetic corpus (real paragraphs
 * from ../shared/data recombined with new dates and sources) into a fresh SQLite database.
 * Reports articles/second, CPU time per article (all threads, and by thread), peak RSS, and the per-article
 * time of the last 10,000 articles at 10k and at the end, to show that the cost per article
 * stays flat as the store grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { writeBenchCorpus } from '../src/eval/bench-corpus.ts';
import { readInputs } from '../src/ingest/readers.ts';
import { ingestInThread } from '../src/pipeline/ingest-thread.ts';
import { defaultIngestOptions, isLargeInput } from '../src/pipeline/defaults.ts';
import type { IngestSummary } from '../src/pipeline/ingest.ts';
import { threadCpuMs } from '../src/pipeline/thread-cpu.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data/clustering') },
    dir: { type: 'string', default: path.resolve(import.meta.dirname, '../bench-data') },
    /** Prepare worker threads (0 = all inline on the main thread; default one per spare core). */
    workers: { type: 'string' },
    /** Batches per durable commit (default: the ingest default; 1 commits every batch). */
    'commit-every': { type: 'string' },
  },
});
const total = Number(values.articles);
const WINDOW = 10_000;
const corpus = path.join(values.dir!, `corpus-${total}.jsonl`);
if (!fs.existsSync(corpus)) {
  process.stderr.write(`generating ${total} articles → ${corpus}\n`);
  writeBenchCorpus(corpus, {
    articles: total,
    sourceFile: path.join(values.data!, 'news_cluster.jsonl'),
    goldFile: path.join(values.data!, 'news_cluster.gold.jsonl'),
  });
}
const dbPath = path.join(values.dir!, 'bench.db');
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });

// Each thread's busy share is printed at the end: the busier one is what limits the rate.
process.env.STORYLINE_THREAD_STATS = '1';
// As `storyline ingest` runs it: a large file is ingested on its own thread (ingest-thread.ts).
const marks: Array<{ added: number; ms: number }> = [{ added: 0, ms: 0 }];
const started = performance.now();
const cpuBefore = process.cpuUsage();
const mainCpuBefore = threadCpuMs();
let lastPrint = 0;
const summary = await ingestInThread(dbPath, readInputs([corpus]), {
  ...(await defaultIngestOptions({ largeInput: isLargeInput([corpus]) })),
  ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
  ...(values['commit-every'] !== undefined ? { commitEvery: Number(values['commit-every']) } : {}),
  onBatch: (s) => {
    const ms = performance.now() - started;
    marks.push({ added: s.read, ms });
    if (process.stderr.isTTY && ms - lastPrint > 1000) {
      lastPrint = ms;
      process.stderr.write(`\r${s.read} articles, ${Math.round(s.read / (ms / 1000))}/s   `);
    }
  },
});
const seconds = (performance.now() - started) / 1000;
// CPU time of every thread of the process (reader, ingest thread, prepare workers): the work
// done, which a noisy shared machine disturbs less than the wall-clock rate.
const cpu = process.cpuUsage(cpuBefore);
const mainCpu = mainCpuBefore === null ? null : threadCpuMs()! - mainCpuBefore;

/** CPU ms per article of each thread, and of the process's other threads; null without per-thread figures. */
function threadShares(totalMs: number, mainMs: number | null, threads: IngestSummary['threadCpuMs'], articles: number) {
  if (mainMs === null || !threads || threads.ingest === null || threads.prepare.some((ms) => ms === null) || articles === 0) return null;
  const prepare = threads.prepare as number[];
  const per = (ms: number) => +(ms / articles).toFixed(3);
  const other = totalMs - mainMs - threads.ingest - prepare.reduce((sum, ms) => sum + ms, 0);
  return { reader: per(mainMs), ingest: per(threads.ingest), prepare: prepare.map(per), other: per(other) };
}

/** Milliseconds per article over the WINDOW articles that end at `upTo`. */
function perArticle(upTo: number): number {
  const end = marks.find((m) => m.added >= upTo) ?? marks[marks.length - 1];
  const begin = [...marks].reverse().find((m) => m.added <= end.added - WINDOW) ?? marks[0];
  return (end.ms - begin.ms) / (end.added - begin.added);
}

const at10k = perArticle(WINDOW);
const atEnd = perArticle(total);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = {
  date: new Date().toISOString().slice(0, 10),
  articles: summary.read,
  stored: summary.added,
  duplicates: summary.duplicates,
  errors: summary.errors.length,
  stories: summary.storiesCreated,
  seconds: +seconds.toFixed(1),
  articlesPerSecond: Math.round(summary.read / seconds),
  cpuMsPerArticle: +((cpu.user + cpu.system) / 1000 / summary.read).toFixed(3),
  // The same split by thread (Linux): reader (this thread), ingest thread, prepare workers,
  // and the rest (V8's GC helper threads, libuv), which competes for the same two cores.
  threadCpuMsPerArticle: threadShares((cpu.user + cpu.system) / 1000, mainCpu, summary.threadCpuMs, summary.read),
  msPerArticleAt10k: +at10k.toFixed(3),
  [`msPerArticleAt${Math.round(total / 1000)}k`]: +atEnd.toFixed(3),
  growth: +(atEnd / at10k).toFixed(2),
  peakRssMb: Math.round(peakRssMb),
  cpus: os.cpus().length,
  // Which kind of machine a figure came from. (On a shared machine the load moves the rate
  // too — 1.5× within an hour in session 10 — which cpuMsPerArticle shows and this does not.)
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  dbMb: Math.round(fs.statSync(dbPath).size / 1e6),
};
process.stderr.write('\n');
console.log(JSON.stringify(result, null, 2));
