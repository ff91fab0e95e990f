/**
 * `storyline eval copies --input articles.jsonl --gold events.jsonl [--seed N]`: builds a
 * synthetic copy set from real articles (spin-generator.ts) and scores the copy-detection
 * pipeline on it (spin-generator-eval.ts): recall per kind of copy, false links between
 * same-event articles of different publishers, copy direction, share error, candidates and
 * time per article. With --seeds DIR it also scores spin and boilerplate on the seed
 * documents against the input articles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { initCopyDetection } from '../../../dedup/copies.ts';
import { boilerplateLineKeys, findBoilerplate, maskBoilerplate } from '../../../dedup/boilerplate.ts';
import { spinScore } from '../../../dedup/spin.ts';
import { DEFAULT_GENERATOR_OPTIONS, Spinner, generateCopySet, type SourceArticle } from '../../../eval/spin-generator.ts';
import { evaluateCopySet, formatCopyEvalReport, formatThroughput, measureThroughput } from '../../../eval/spin-generator-eval.ts';

interface JsonlResult<T> {
  records: T[];
  errors: string[];
}

function readJsonl<T>(file: string): JsonlResult<T> {
  const records: T[] = [];
  const errors: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line) as T);
      } catch (err) {
        errors.push(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  return { records, errors };
}

/**
 * Blanks out boilerplate as ingest does before copy detection: trigger lines, injected link
 * lists, and template lines repeated across a source's articles (counted over the input).
 */
export function maskSourceBoilerplate<T extends { source?: string; text: string }>(articles: T[]): T[] {
  const counts = new Map<string, number>();
  for (const a of articles) {
    for (const key of boilerplateLineKeys(a.text)) {
      const k = `${a.source ?? ''}\u0000${key}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return articles.map((a) => {
    const spans = findBoilerplate(a.text, {
      lineSeenElsewhere: (hash) => (counts.get(`${a.source ?? ''}\u0000${hash}`) ?? 1) - 1,
    });
    return { ...a, text: maskBoilerplate(a.text, spans) };
  });
}

function seedReport(seedDir: string, articles: Array<{ id: string; text: string }>): string {
  const lines: string[] = [];
  const files = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  let maxArticle = 0;
  let maxId = '';
  for (const a of articles) {
    const s = spinScore(a.text);
    if (s > maxArticle) {
      maxArticle = s;
      maxId = a.id;
    }
  }
  lines.push(`spin score, highest over the ${articles.length} input articles: ${maxArticle.toFixed(3)} (${maxId})`);
  for (const f of files) {
    const text = readFileSync(path.join(seedDir, f), 'utf8');
    lines.push(`seed ${f}: spin ${spinScore(text).toFixed(3)}`);
    for (const span of findBoilerplate(text)) {
      const snippet = text.slice(span.start, span.end);
      lines.push(`  boilerplate ${span.kind} [${span.start}, ${span.end}): ${snippet.length > 90 ? snippet.slice(0, 87) + '...' : snippet}`);
    }
  }
  return lines.join('\n');
}

export function register(evalCommand: Command): void {
  evalCommand
    .command('copies')
    .description('Copy detection on a generated set of spun, partial and exact copies of real articles')
    .requiredOption('--input <file>', 'articles JSONL (id, source, text, published)')
    .requiredOption('--gold <file>', 'events JSONL ({id, event}): same-event pairs are the hard negatives')
    .option('--seed <n>', 'random seed of the generated set', '1')
    .option('--seeds <dir>', 'also score spin and boilerplate on the seed documents in this folder')
    .option('--no-boilerplate', 'skip masking boilerplate before detection')
    .option('--json', 'print the full report as JSON')
    .action(async (options: { input: string; gold: string; seed: string; seeds?: string; boilerplate: boolean; json?: boolean }) => {
      await initCopyDetection();
      const input = readJsonl<SourceArticle>(options.input);
      const gold = readJsonl<{ id: string; event: string }>(options.gold);
      for (const e of [...input.errors, ...gold.errors]) process.stderr.write(`storyline: ${e}\n`);
      const events = new Map(gold.records.map((g) => [g.id, g.event]));
      const articles = input.records
        .filter((a, i) => {
          const ok = typeof a.id === 'string' && typeof a.text === 'string';
          if (!ok) process.stderr.write(`storyline: ${options.input}: record ${i + 1}: needs "id" and "text", skipped\n`);
          return ok;
        })
        .map((a) => ({ ...a, event: events.get(a.id) }));
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${options.seed}`);
      const set = generateCopySet(articles, { ...DEFAULT_GENERATOR_OPTIONS, seed }, new Spinner());
      const prepared = options.boilerplate ? maskSourceBoilerplate(set) : set;
      const report = evaluateCopySet(prepared);
      const throughput = measureThroughput(prepared);
      if (options.json) process.stdout.write(JSON.stringify({ ...report, throughput }, null, 2) + '\n');
      else process.stdout.write(formatCopyEvalReport(report) + '\n' + formatThroughput(throughput) + '\n');
      if (options.seeds) process.stdout.write(seedReport(options.seeds, articles) + '\n');
    });
}
