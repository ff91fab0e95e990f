/**
 * `npm run bench:api [-- --db PATH --requests N --clients 8]`: latency of the story page and
 * search API under concurrent clients on loopback, on a database of ≥ 100,000 articles.
 *
 * The database: --db if given; else bench-data/api-bench.db; if that is missing it is copied
 * (SQLite backup) from bench-data/bench.db when that has enough articles (`npm run bench`),
 * otherwise built from the synthetic bench corpus (src/eval/bench-corpus.ts) — that takes
 * minutes. The server runs in its own process (`storyline serve --no-ui`), as in production;
 * this process only generates load. A bounded number of requests per endpoint, then it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { prng, writeBenchCorpus } from '../src/eval/bench-corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    articles: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    clients: { type: 'string', default: '8' },
    data: { type: 'string', default: path.resolve(ROOT, '../shared/data/clustering') },
    dir: { type: 'string', default: path.resolve(ROOT, 'bench-data') },
  },
});
const MIN_ARTICLES = Number(values.articles);
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const CLIENTS = Number(values.clients);
const TARGETS = { story: 50, search: 100 };
const log = (line: string) => process.stderr.write(line + '\n');

function articleCount(file: string): number {
  if (!fs.existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function prepareDatabase(): Promise<string> {
  if (values.db) {
    const n = articleCount(values.db);
    if (n < MIN_ARTICLES) log(`warning: ${values.db} has ${n} articles (fewer than ${MIN_ARTICLES})`);
    return values.db;
  }
  const target = path.join(values.dir!, 'api-bench.db');
  if (articleCount(target) >= MIN_ARTICLES) return target;
  const shared = path.join(values.dir!, 'bench.db');
  if (articleCount(shared) >= MIN_ARTICLES) {
    log(`copying ${shared} → ${target} (SQLite backup) …`);
    const source = new Database(shared, { readonly: true });
    await source.backup(target);
    source.close();
    return target;
  }
  const corpus = path.join(values.dir!, `corpus-${MIN_ARTICLES}.jsonl`);
  if (!fs.existsSync(corpus)) {
    log(`generating ${MIN_ARTICLES} synthetic articles → ${corpus}`);
    const tmp = `${corpus}.${process.pid}.tmp`;
    writeBenchCorpus(tmp, {
      articles: MIN_ARTICLES,
      sourceFile: path.join(values.data!, 'news_cluster.jsonl'),
      goldFile: path.join(values.data!, 'news_cluster.gold.jsonl'),
    });
    fs.renameSync(tmp, corpus);
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  log(`ingesting ${corpus} into ${target} (this takes minutes) …`);
  const started = performance.now();
  const { readInputs } = await import('../src/ingest/readers.ts');
  const { ingest } = await import('../src/pipeline/ingest.ts');
  const { defaultIngestOptions } = await import('../src/pipeline/defaults.ts');
  const { openStore } = await import('../src/store/sqlite/index.ts');
  const store = openStore(target);
  let lastPrint = 0;
  await ingest(store, readInputs([corpus]), {
    ...(await defaultIngestOptions()),
    onBatch: (s) => {
      const ms = performance.now() - started;
      if (ms - lastPrint > 10_000) {
        lastPrint = ms;
        log(`  ${s.read} articles, ${Math.round(s.read / (ms / 1000))}/s`);
      }
    },
  });
  await store.close();
  log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return target;
}

async function startServer(db: string, storyCache: number | null): Promise<{ child: ChildProcess; base: string }> {
  const cache = storyCache === null ? [] : ['--story-cache', String(storyCache)];
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/storyline.js'), 'serve', '--db', db, '--port', '0', '--no-ui', ...cache], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = / at (http:\/\/[^/\s]+)\//.exec(output);
      if (match) resolve(match[1]);
    });
  });
  return { child, base };
}

/** Story ids and search queries drawn reproducibly from the database itself. */
function workload(db: string): { stories: number[]; queries: string[] } {
  const random = prng(7);
  const handle = new Database(db, { readonly: true });
  try {
    const maxId = (handle.prepare('SELECT max(id) AS n FROM story').get() as { n: number }).n;
    const story = handle.prepare('SELECT id FROM story WHERE id >= ? ORDER BY id LIMIT 1');
    const stories = Array.from({ length: 500 }, () => (story.get(1 + Math.floor(random() * maxId)) as { id: number }).id);
    const maxRow = (handle.prepare('SELECT max(rowid) AS n FROM article').get() as { n: number }).n;
    const title = handle.prepare('SELECT title FROM article WHERE rowid >= ? AND title IS NOT NULL LIMIT 1');
    const queries: string[] = [];
    while (queries.length < 500) {
      const row = title.get(1 + Math.floor(random() * maxRow)) as { title: string } | undefined;
      // One or two title words of five letters or more: what people type into a search box.
      const words = (row?.title.match(/\p{L}{5,}/gu) ?? []).filter((w) => w.toLowerCase() !== 'about');
      if (words.length === 0) continue;
      const first = words[Math.floor(random() * words.length)];
      const second = words[Math.floor(random() * words.length)];
      queries.push(random() < 0.5 || first === second ? first : `${first} ${second}`);
    }
    return { stories, queries };
  } finally {
    handle.close();
  }
}

interface Stats {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `clients` loops share one request counter; each records the latency of its requests. */
async function load(urls: string[], total: number, clients: number): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const url = urls[next++ % urls.length];
        const t0 = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    seconds: round(seconds),
    perSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1]),
  };
}

/** One server run: warm-up, then the measured requests per endpoint. */
async function measure(db: string, storyCache: number | null, stories: number[], queries: string[]) {
  const { child, base } = await startServer(db, storyCache);
  try {
    const storyUrls = stories.map((id) => `${base}/api/stories/${id}`);
    const searchUrls = queries.map((q) => `${base}/api/search?q=${encodeURIComponent(q)}`);
    // Warm-up: every story page once (what the server's own start-up warming also does) and
    // WARMUP searches, so the measured requests see a running server, not a cold one.
    const distinct = [...new Set(storyUrls)];
    log(`warming up (${distinct.length} story pages, ${WARMUP} searches) …`);
    await load(distinct, distinct.length, CLIENTS);
    await load(searchUrls, WARMUP, CLIENTS);
    log(`measuring ${REQUESTS} requests per endpoint with ${CLIENTS} concurrent clients …`);
    const story = await load(storyUrls.slice().reverse(), REQUESTS, CLIENTS);
    const search = await load(searchUrls.slice().reverse(), REQUESTS, CLIENTS);
    return {
      story: { ...story, targetP99: TARGETS.story, met: story.p99 <= TARGETS.story && story.errors === 0 },
      search: { ...search, targetP99: TARGETS.search, met: search.p99 <= TARGETS.search && search.errors === 0 },
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const db = await prepareDatabase();
const articles = articleCount(db);
const { stories, queries } = workload(db);
log('run 1: story pages computed for every request (--story-cache 0)');
const uncached = await measure(db, 0, stories, queries);
log('run 2: default server (story pages kept in memory until their story changes)');
const cached = await measure(db, null, stories, queries);
const result = {
  date: new Date().toISOString().slice(0, 10),
  database: path.relative(ROOT, db),
  articles,
  stories: new Set(stories).size,
  clients: CLIENTS,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  uncached,
  cached,
};
console.log(JSON.stringify(result, null, 2));
if (articles < MIN_ARTICLES) log(`note: the database has fewer than ${MIN_ARTICLES} articles`);
