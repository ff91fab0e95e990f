/**
 * `storyline watch <feeds.txt> [--every 15m] [--once]`: every round, read the feed list
 * again (so edits apply without a restart), fetch each feed (conditional GET), fetch and
 * ingest its new items, and print what was ingested. Ctrl-C aborts the requests in flight,
 * lets the round commit what it has read, saves the fetch state and exits cleanly.
 */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { formatMessage } from '../../types.ts';
import { out, parsePositiveInt, withDb, withStore } from '../options.ts';
import { addWebOptions, formatWebStats, parseDuration, webOptionsFrom } from '../../ingest/fetch-options.ts';
import { truncate } from '../format.ts';

/** Errors listed per round; the rest are counted. */
const MAX_LISTED_ERRORS = 25;

/** Feed list: one URL (or feed file) per line; blank lines and # comments ignored. */
export function parseFeedList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function register(program: Command): void {
  addWebOptions(
    withDb(
      program
        .command('watch')
        .description('Poll feeds and ingest their new items: each round fetches every feed in the list (conditional GET), then each new item page')
        .argument('<feeds>', 'text file with one feed URL per line (# comments allowed)'),
    ),
  )
    .addOption(new Option('--every <duration>', 'time between the starts of two rounds (15m, 1h, 30s …)').argParser(parseDuration).default(15 * 60_000, '15m'))
    .option('--once', 'run one round and exit (for cron and tests)')
    .option('--batch-size <n>', 'records per transaction', parsePositiveInt, 1000)
    .action(async (feedsFile: string, opts) => {
      const { readInputs } = await import('../../ingest/readers.ts');
      await import('../../ingest/web-readers.ts');
      const { WebSession } = await import('../../ingest/fetch-session.ts');
      const { ingest } = await import('../../pipeline/ingest.ts');
      const { defaultIngestOptions } = await import('../../pipeline/defaults.ts');

      const stop = new AbortController();
      const onSignal = () => {
        if (stop.signal.aborted) process.exit(130); // a second Ctrl-C: no more waiting
        process.stderr.write('storyline watch: stopping after this round (Ctrl-C again to quit now)\n');
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await withStore(opts.db, async (store) => {
          const web = new WebSession({ ...webOptionsFrom(opts), dbPath: opts.db, signal: stop.signal });
          if (web.state.loadError) process.stderr.write(`storyline: warning: ${web.state.loadError}\n`);
          const ingestOptions = { ...(await defaultIngestOptions()), batchSize: opts.batchSize };
          try {
            for (let round = 1; !stop.signal.aborted; round++) {
              const started = Date.now();
              let feeds: string[];
              try {
                feeds = parseFeedList(fs.readFileSync(feedsFile, 'utf8'));
              } catch (err) {
                const message = `${feedsFile}: cannot read the feed list: ${(err as Error).message}`;
                // A list that was readable before may be mid-edit: wait for the next round.
                if (round === 1) throw new Error(message);
                process.stderr.write(`round ${round}: ${message}; trying again next round\n`);
                feeds = [];
              }
              web.startRound();
              const summary = await ingest(store, readInputs(feeds, { web } as Parameters<typeof readInputs>[1]), ingestOptions);
              web.saveState();
              const seconds = (Date.now() - started) / 1000;
              const stats = web.stats;
              out(
                `round ${round} at ${new Date(started).toISOString()}: ${formatWebStats(stats) ?? 'web: nothing fetched'}; ` +
                  `read ${summary.read}, new ${summary.added}, duplicates ${summary.duplicates}, errors ${summary.errors.length} in ${seconds.toFixed(1)} s`,
              );
              for (const item of stats.yielded) {
                if (item.url && !web.isStored(item.url)) continue;
                out(`  + ${truncate(item.title ?? '(untitled)', 80)}${item.url ? `  ${item.url}` : ''}`);
              }
              const shown = stop.signal.aborted ? summary.errors.filter((e) => !/\baborted\b/.test(e.reason)) : summary.errors;
              for (const error of shown.slice(0, MAX_LISTED_ERRORS)) process.stderr.write(`  ${formatMessage(error)}\n`);
              if (shown.length > MAX_LISTED_ERRORS) process.stderr.write(`  … and ${shown.length - MAX_LISTED_ERRORS} more errors\n`);
              if (opts.once) break;
              await sleep(started + opts.every - Date.now(), stop.signal);
            }
          } finally {
            web.close();
          }
        });
        if (stop.signal.aborted) out('watch stopped');
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
