/**
 * `storyline eval clusters --input X.jsonl --gold Y.jsonl`: runs the real ingest pipeline
 * into a scratch database and scores its stories against gold events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { openStore } from '../../../store/sqlite/index.ts';
import { scoreClustering } from '../../../eval/cluster-metrics.ts';
import { out } from '../../options.ts';

export function readGold(file: string): Map<string, string> {
  const gold = new Map<string, string>();
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: { id?: unknown; event?: unknown };
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: malformed JSON: ${(err as Error).message}`);
      }
      if (typeof value.id !== 'string' || (typeof value.event !== 'string' && typeof value.event !== 'number')) {
        throw new Error(`${file}:${i + 1}: expected {"id": string, "event": string}`);
      }
      gold.set(value.id, String(value.event));
    });
  return gold;
}

export function register(evalCommand: Command): void {
  evalCommand
    .command('clusters')
    .description('B-cubed precision/recall/F1 and NMI of the stories built from --input against --gold events')
    .requiredOption('--input <file>', 'articles (JSONL, article input contract, with ids)')
    .requiredOption('--gold <file>', 'gold lines {"id", "event"}')
    .option('--db <path>', 'keep the database here (default: a temporary file, removed afterwards)')
    .option('--json', 'JSON output')
    .option('--no-entities', 'leave tagged entities out of the story features (to measure what they add)')
    .action(async (opts) => {
      const { readInputs } = await import('../../../ingest/readers.ts');
      const { ingest } = await import('../../../pipeline/ingest.ts');
      const { defaultIngestOptions } = await import('../../../pipeline/defaults.ts');
      const gold = readGold(opts.gold);
      const dir = opts.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'storyline-eval-'));
      const dbPath = opts.db ?? path.join(dir!, 'eval.db');
      const store = openStore(dbPath);
      const started = performance.now();
      try {
        const { DEFAULT_CLUSTER_PARAMS } = await import('../../../cluster/features.ts');
        const clusterParams = opts.entities ? DEFAULT_CLUSTER_PARAMS : { ...DEFAULT_CLUSTER_PARAMS, entityWeight: 0 };
        const summary = await ingest(store, readInputs([opts.input]), { ...(await defaultIngestOptions()), clusterParams });
        const predicted = new Map<string, string>();
        for await (const article of store.iterateArticles()) predicted.set(article.id, String(article.storyId));
        const scores = scoreClustering(predicted, gold);
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) {
          out(JSON.stringify({ ...scores, errors: summary.errors.length, seconds }));
        } else {
          out(`items ${scores.items} (gold events ${scores.goldClusters}, stories ${scores.predictedClusters}); ingest errors ${summary.errors.length}; ${seconds.toFixed(1)} s`);
          out(`B-cubed precision ${scores.precision.toFixed(4)}  recall ${scores.recall.toFixed(4)}  F1 ${scores.f1.toFixed(4)}`);
          out(`NMI ${scores.nmi.toFixed(4)}`);
        }
      } finally {
        await store.close();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}
