/** `storyline export --jsonl`: DESIGN.md's export contract, one line per article. */
import type { Command } from 'commander';
import type { ArticleRow } from '../../store/types.ts';
import { out, withDb, withStore } from '../options.ts';

export function exportRecord(a: ArticleRow): Record<string, unknown> {
  return {
    id: a.id,
    url: a.url,
    source: a.source,
    title: a.title,
    published: a.published,
    language: a.language,
    storyId: a.storyId,
    duplicateOf: a.duplicateOf,
    copiedFrom: a.copiedFrom.map((c) => ({ id: c.id, share: c.share, spun: c.spun })),
    spinScore: a.spinScore,
    boilerplate: a.boilerplate,
    entities: a.annotations?.entities ?? [],
    places: a.annotations?.places ?? [],
    dates: a.annotations?.dates ?? [],
  };
}

export function register(program: Command): void {
  withDb(program.command('export').description('Export every article with its story, copies and annotations'))
    .option('--jsonl', 'JSON Lines output (the only format for now)', true)
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        for await (const article of store.iterateArticles()) out(JSON.stringify(exportRecord(article)));
      });
    });
}
