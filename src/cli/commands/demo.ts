/**
 * `storyline demo`: the README's first command. Ingests the bundled sample (examples/) into
 * an embedded database and prints a digest of its stories.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Store } from '../../store/types.ts';
import { articleTitle, firstReport, formatSpan, formatTime, truncate } from '../format.ts';
import { out, withStore } from '../options.ts';
import { parsePort } from './serve.ts';
import { printSummary } from './ingest.ts';

export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

export async function printDigest(store: Store, limit: number): Promise<void> {
  const counts = await store.counts();
  out(`\n${counts.stories} stories from ${counts.articles} articles and ${counts.sources} sources. The biggest:\n`);
  for (const story of await store.listStories({ limit, order: 'size' })) {
    const articles = await store.storyArticles(story.id);
    const first = firstReport(articles);
    const copies = articles.filter((a) => a.duplicateOf || a.copiedFrom.length).length;
    out(`■ #${story.id} ${story.label ?? '(untitled)'}`);
    out(`  ${articles.length} articles · ${story.sourceCount} sources · ${formatSpan(story.firstMs, story.lastMs)}${copies ? ` · ${copies} copies` : ''}`);
    if (first) out(`  first report: ${first.source ?? 'unknown source'}, ${formatTime(first.publishedMs)} — ${truncate(articleTitle(first), 70)}`);
    for (const a of articles.slice(0, 4)) {
      if (a === first) continue;
      out(`    · ${(a.source ?? '?').slice(0, 24).padEnd(24)} ${truncate(articleTitle(a), 60)}`);
    }
    if (articles.length > 4) out(`    · … ${articles.length - 4} more`);
    out('');
  }
  out('Next: storyline stories --db <db> · storyline story <id> --db <db> · storyline export --jsonl --db <db>');
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('Ingest the bundled sample corpus, print a digest of its stories, then serve the web UI on it')
    .option('--db <path>', 'database file', './storyline-demo.db')
    .option('--limit <n>', 'stories in the digest', (v) => Number(v), 8)
    .option('--no-serve', 'print the digest and exit, without starting the web UI')
    .option('--port <n>', 'port for the web UI (a free one is taken if it is busy)', parsePort, 4300)
    .option('--host <address>', 'address for the web UI', '127.0.0.1')
    .action(async (opts) => {
      const { readInputs } = await import('../../ingest/readers.ts');
      const { ingest } = await import('../../pipeline/ingest.ts');
      const { defaultIngestOptions } = await import('../../pipeline/defaults.ts');
      const inputs = [path.join(EXAMPLES_DIR, 'sample'), path.join(EXAMPLES_DIR, 'seeds')];
      out(`Ingesting the bundled sample (${path.relative(process.cwd(), EXAMPLES_DIR) || '.'}/sample, seeds) into ${opts.db} …`);
      const started = performance.now();
      await withStore(opts.db, async (store) => {
        const summary = await ingest(store, readInputs(inputs), await defaultIngestOptions());
        printSummary(summary, (performance.now() - started) / 1000);
        await printDigest(store, opts.limit);
      });
      if (!opts.serve) return;
      out('');
      const { serveUntilStopped } = await import('./serve.ts');
      await serveUntilStopped({ dbPath: opts.db, port: opts.port, host: opts.host, ingestToken: null, corsOrigin: null, ui: true, fallbackPort: true });
    });
}
