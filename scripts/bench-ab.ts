/**
 * `npm run bench:ab -- --base <git revision> [--runs 2] [--articles 20000]`: the ingest
 * benchmark of this checkout and of another revision, run alternately on the same corpus, so
 * that a change is judged against its base in the same minutes of a shared machine.
 *
 * The wall-clock rate of one run drifts with the machine's other load by more than most
 * changes are worth (docs/BENCHMARKS.md, sessions 10–11). Two figures drift less:
 * - CPU per article of each thread (`threadCpuMsPerArticle`, revisions from 448b258 on);
 * - the ingest thread's CPU divided by the prepare worker's: when a change touches only the
 *   ingest thread, the worker's unchanged code measures how fast the machine was during that
 *   very run. (The pool moves a few steps between the two threads to balance them; compare
 *   ingest + prepare too.)
 * The base revision is checked out in a temporary git worktree that shares this checkout's
 * node_modules (a base with other dependencies runs with these). Runs write their database in
 * a scratch directory, not in --dir, where only the corpus is read (and made if missing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchCorpus } from '../src/eval/bench-corpus.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '2' },
    articles: { type: 'string', default: '20000' },
    dir: { type: 'string', default: path.resolve(import.meta.dirname, '../bench-data') },
  },
});
if (!values.base) {
  process.stderr.write('usage: npm run bench:ab -- --base <git revision> [--runs N] [--articles N] [--dir DIR]\n');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const baseCommit = git('rev-parse', '--verify', `${values.base}^{commit}`);
const headCommit = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';

interface RunResult {
  tree: 'this' | 'base';
  articlesPerSecond: number;
  cpuMsPerArticle: number;
  threads: { ingest: number; prepare: number[]; other: number } | null;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'storyline-ab-'));
const worktree = path.join(scratch, 'base');
/** Where the runs write their database: the corpus is linked in, so a bench using --dir keeps its own bench.db. */
const runDir = path.join(scratch, 'data');
fs.mkdirSync(runDir);

/** One bench run in `tree`; its JSON line block from stdout. */
function bench(tree: string, label: RunResult['tree']): RunResult {
  const args = ['--import', 'tsx', 'scripts/bench-ingest.ts', '--articles', values.articles!, '--dir', runDir, '--data', path.resolve(root, '../shared/data/clustering')];
  const run = spawnSync(process.execPath, args, { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.signal) throw new Error(`bench in ${tree} stopped by ${run.signal}`);
  if (run.status !== 0) throw new Error(`bench in ${tree} failed (exit ${run.status})`);
  const json = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  return { tree: label, articlesPerSecond: json.articlesPerSecond, cpuMsPerArticle: json.cpuMsPerArticle, threads: json.threadCpuMsPerArticle ?? null };
}

const results: RunResult[] = [];
let worktreeAdded = false;
/** Removes the base checkout and the scratch directory (also on Ctrl-C). */
function cleanUp(): void {
  if (worktreeAdded) {
    try {
      git('worktree', 'remove', '--force', worktree);
    } catch (err) {
      process.stderr.write(`could not remove the worktree ${worktree}: ${(err as Error).message}\n`);
    }
    worktreeAdded = false;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
try {
  // A run stopped hard (kill -9) leaves its worktree registered; forget those first.
  git('worktree', 'prune');
  // The corpus is made once in --dir, as `npm run bench` makes it; the runs read it from there.
  const corpusName = `corpus-${values.articles}.jsonl`;
  const corpus = path.join(path.resolve(values.dir!), corpusName);
  if (!fs.existsSync(corpus)) {
    fs.mkdirSync(path.dirname(corpus), { recursive: true });
    const data = path.resolve(root, '../shared/data/clustering');
    writeBenchCorpus(corpus, { articles: Number(values.articles), sourceFile: path.join(data, 'news_cluster.jsonl'), goldFile: path.join(data, 'news_cluster.gold.jsonl') });
  }
  fs.symlinkSync(corpus, path.join(runDir, corpusName));
  git('worktree', 'add', '--detach', '--force', worktree, baseCommit);
  worktreeAdded = true;
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'));
  process.stderr.write(`this checkout ${headCommit.slice(0, 7)}${dirty ? ' (with uncommitted changes)' : ''} against ${baseCommit.slice(0, 7)}, ${values.runs} runs each of ${values.articles} articles\n`);
  for (let i = 0; i < Number(values.runs); i++) {
    // This checkout first in odd rounds, the base first in even ones: neither always runs
    // in the other's wake.
    const order: Array<[string, RunResult['tree']]> = i % 2 === 0 ? [[root, 'this'], [worktree, 'base']] : [[worktree, 'base'], [root, 'this']];
    for (const [tree, label] of order) {
      const result = bench(tree, label);
      results.push(result);
      process.stderr.write(`${label}: ${JSON.stringify(result)}\n`);
    }
  }
} finally {
  cleanUp();
}

const round = (x: number) => +x.toFixed(3);
const rows = results.map((r) => ({
  tree: r.tree,
  articlesPerSecond: r.articlesPerSecond,
  cpuMsPerArticle: r.cpuMsPerArticle,
  ingestMs: r.threads?.ingest ?? null,
  prepareMs: r.threads ? round(r.threads.prepare.reduce((a, b) => a + b, 0)) : null,
  otherMs: r.threads?.other ?? null,
  ingestOverPrepare: r.threads ? round(r.threads.ingest / r.threads.prepare.reduce((a, b) => a + b, 0)) : null,
}));
const mean = (tree: RunResult['tree'], key: keyof (typeof rows)[number]) => {
  const xs = rows.filter((r) => r.tree === tree).map((r) => r[key]).filter((x): x is number => typeof x === 'number');
  return xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
};
const keys = ['articlesPerSecond', 'cpuMsPerArticle', 'ingestMs', 'prepareMs', 'otherMs', 'ingestOverPrepare'] as const;
console.log(
  JSON.stringify(
    {
      this: headCommit.slice(0, 7) + (dirty ? '+changes' : ''),
      base: baseCommit.slice(0, 7),
      articles: Number(values.articles),
      runs: rows,
      mean: { this: Object.fromEntries(keys.map((k) => [k, mean('this', k)])), base: Object.fromEntries(keys.map((k) => [k, mean('base', k)])) },
    },
    null,
    2,
  ),
);
