/** `storyline stories` and `storyline story <id>`: what the user came for. */
import type { Command } from 'commander';
import type { ArticleRow, Store, StoryRow } from '../../store/types.ts';
import { articleTitle, firstReport, formatSpan, formatTime, storyLine, truncate } from '../format.ts';
import { out, parsePositiveInt, withDb, withStore } from '../options.ts';

export interface StoryDetail {
  id: number;
  label: string | null;
  first: string | null;
  last: string | null;
  articleCount: number;
  sources: Array<{ source: string; articles: number }>;
  firstReport: string | null;
  articles: Array<{
    id: string;
    title: string | null;
    source: string | null;
    url: string | null;
    published: string | null;
    duplicateOf: string | null;
    copiedFrom: ArticleRow['copiedFrom'];
    spinScore: number | null;
    boilerplate: ArticleRow['boilerplate'];
  }>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function storyDetail(store: Store, story: StoryRow): Promise<StoryDetail> {
  const articles = await store.storyArticles(story.id);
  const bySource = new Map<string, number>();
  for (const a of articles) bySource.set(a.source ?? '(unknown)', (bySource.get(a.source ?? '(unknown)') ?? 0) + 1);
  return {
    id: story.id,
    label: story.label,
    first: iso(story.firstMs),
    last: iso(story.lastMs),
    articleCount: articles.length,
    sources: [...bySource].map(([source, n]) => ({ source, articles: n })).sort((a, b) => b.articles - a.articles),
    firstReport: firstReport(articles)?.id ?? null,
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      source: a.source,
      url: a.url,
      published: a.published,
      duplicateOf: a.duplicateOf,
      copiedFrom: a.copiedFrom,
      spinScore: a.spinScore,
      boilerplate: a.boilerplate,
    })),
  };
}

function printStory(detail: StoryDetail, articles: ArticleRow[]): void {
  out(`Story #${detail.id}: ${detail.label ?? '(untitled)'}`);
  out(`  ${detail.articleCount} articles from ${detail.sources.length} sources, ${formatSpan(articles[0]?.publishedMs ?? null, articles.at(-1)?.publishedMs ?? null)}`);
  out(`  sources: ${detail.sources.map((s) => `${s.source} (${s.articles})`).join(', ')}`);
  out('');
  for (const a of articles) {
    const marks: string[] = [];
    if (a.id === detail.firstReport) marks.push('FIRST REPORT');
    if (a.duplicateOf) marks.push(`duplicate of ${a.duplicateOf}`);
    for (const c of a.copiedFrom) marks.push(`copies ${Math.round(c.share * 100)}% of ${c.id}${c.spun ? ' (spun)' : ''}`);
    if (a.spinScore !== null && a.spinScore >= 0.5) marks.push(`spin score ${a.spinScore.toFixed(2)}`);
    if (a.boilerplate.length) marks.push(`${a.boilerplate.length} boilerplate span${a.boilerplate.length > 1 ? 's' : ''}: ${[...new Set(a.boilerplate.map((b) => b.kind))].join(', ')}`);
    out(`  ${formatTime(a.publishedMs)}  ${(a.source ?? '?').padEnd(22).slice(0, 22)}  ${truncate(articleTitle(a), 70)}`);
    out(`      id ${a.id}${marks.length ? '  [' + marks.join('; ') + ']' : ''}`);
    for (const span of a.boilerplate) out(`      boilerplate (${span.kind}): "${truncate(a.text.slice(span.start, span.end), 90)}"`);
  }
}

export function register(program: Command): void {
  withDb(program.command('stories').description('List stories, newest first'))
    .option('--json', 'JSON output')
    .option('--limit <n>', 'how many', parsePositiveInt, 20)
    .option('--offset <n>', 'skip this many', (v) => Number(v), 0)
    .option('--sort <order>', 'recent or size', 'recent')
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        const stories = await store.listStories({ limit: opts.limit, offset: opts.offset, order: opts.sort === 'size' ? 'size' : 'recent' });
        if (opts.json) {
          out(JSON.stringify(stories.map((s) => ({ id: s.id, label: s.label, first: iso(s.firstMs), last: iso(s.lastMs), articles: s.articleCount, sources: s.sourceCount })), null, 2));
          return;
        }
        const counts = await store.counts();
        out(`${counts.stories} stories from ${counts.articles} articles and ${counts.sources} sources\n`);
        for (const s of stories) out(storyLine(s));
      });
    });

  withDb(program.command('story').description('Show one story: its articles in time order, sources, first report and copies').argument('<id>', 'story id'))
    .option('--json', 'JSON output')
    .action(async (id: string, opts) => {
      await withStore(opts.db, async (store) => {
        const story = await store.getStory(Number(id));
        if (!story || !/^\d+$/.test(id)) {
          process.stderr.write(`storyline: no story with id ${id}\n`);
          process.exitCode = 1;
          return;
        }
        const detail = await storyDetail(store, story);
        if (opts.json) out(JSON.stringify(detail, null, 2));
        else printStory(detail, await store.storyArticles(story.id));
      });
    });
}
