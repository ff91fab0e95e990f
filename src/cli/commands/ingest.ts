/** `storyline ingest <inputs…>`: read, prepare, deduplicate, cluster and store. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { formatMessage } from '../../types.ts';
import type { IngestSummary } from '../../pipeline/ingest.ts';
import { out, parsePositiveInt, withDb, withStore } from '../options.ts';
import { addWebOptions, formatWebStats, webOptionsFrom } from '../../ingest/fetch-options.ts';

/** Errors listed in full in the summary; the rest are counted. */
const MAX_LISTED_ERRORS = 25;

export function printSummary(summary: IngestSummary, seconds: number): void {
  const rate = seconds > 0 ? Math.round(summary.added / seconds) : summary.added;
  out(
    `read ${summary.read}, new ${summary.added}, duplicates ${summary.duplicates}, already stored ${summary.alreadyStored}, ` +
      `errors ${summary.errors.length}, stories touched ${summary.storiesTouched.size} (${summary.storiesCreated} new) in ${seconds.toFixed(1)} s (${rate} articles/s)`,
  );
  for (const error of summary.errors.slice(0, MAX_LISTED_ERRORS)) process.stderr.write(`  ${formatMessage(error)}\n`);
  if (summary.errors.length > MAX_LISTED_ERRORS) process.stderr.write(`  … and ${summary.errors.length - MAX_LISTED_ERRORS} more errors\n`);
}

export function register(program: Command): void {
  addWebOptions(withDb(
    program
      .command('ingest')
      .description('Ingest articles: files (.jsonl .csv .json .txt .html .rss .atom .xml .warc, optionally .gz), directories, feed or page URLs, or - for stdin')
      .argument('<inputs...>', 'files, directories, http(s) URLs or - (stdin)'),
  ))
    .option('--source <name>', 'publisher name for plain-text files')
    .option('--format <format>', 'format of stdin: jsonl, csv, json, txt, html', 'jsonl')
    .option('--strict', 'fail the run on the first bad record')
    .option('--batch-size <n>', 'records per transaction', parsePositiveInt, 1000)
    .option('--no-progress', 'no progress line on the terminal')
    .action(async (inputs: string[], opts) => {
      // The pipeline loads on use so `--help` and light commands start fast.
      const { readInputs } = await import('../../ingest/readers.ts');
      await import('../../ingest/web-readers.ts');
      const { WebSession } = await import('../../ingest/fetch-session.ts');
      const { ingest, StrictModeError } = await import('../../pipeline/ingest.ts');
      const { defaultIngestOptions, isLargeInput } = await import('../../pipeline/defaults.ts');
      const { ingestInThread } = await import('../../pipeline/ingest-thread.ts');
      const started = performance.now();
      const showProgress = opts.progress && process.stderr.isTTY;
      const bar = showProgress
        ? new cliProgress.SingleBar(
            { format: 'ingest | {value} read | {added} new | {duplicates} duplicates | {errors} errors | {rate} articles/s', stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      bar?.start(0, 0, { added: 0, duplicates: 0, errors: 0, rate: 0 });
      await withStore(opts.db, async (store) => {
        // One fetch session for every URL and feed of the run: per-host pacing, robots.txt, state.
        const web = new WebSession({ ...webOptionsFrom(opts), dbPath: opts.db });
        if (web.state.loadError) process.stderr.write(`storyline: warning: ${web.state.loadError}\n`);
        const readOptions = { source: opts.source, format: opts.format, web };
        let summary: IngestSummary;
        try {
          const largeInput = isLargeInput(inputs);
          const ingestOptions = {
            ...(await defaultIngestOptions({ largeInput })),
            strict: opts.strict,
            batchSize: opts.batchSize,
            onProgress: (s: IngestSummary) => {
              const seconds = (performance.now() - started) / 1000;
              bar?.setTotal(s.read);
              bar?.update(s.read, { added: s.added, duplicates: s.duplicates, errors: s.errors.length, rate: Math.round(s.added / Math.max(seconds, 0.001)) });
            },
          };
          // Large local input runs on its own thread with a bounded heap (see ingest-thread.ts).
          summary = largeInput
            ? await ingestInThread(opts.db, readInputs(inputs, readOptions), ingestOptions)
            : await ingest(store, readInputs(inputs, readOptions), ingestOptions);
        } catch (err) {
          bar?.stop();
          web.close();
          if (err instanceof StrictModeError) {
            process.stderr.write(`storyline: --strict: ${err.message}\n`);
            process.exitCode = 1;
            return;
          }
          throw err;
        }
        bar?.stop();
        // Conditional-GET state is written only once what was read is committed.
        web.saveState();
        web.close();
        printSummary(summary, (performance.now() - started) / 1000);
        const webLine = formatWebStats(web.stats);
        if (webLine) out(webLine);
        if (opts.strict && summary.errors.length) process.exitCode = 1;
      });
    });
}
