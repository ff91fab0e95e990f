/**
 * `storyline copies <story-or-article-id>`: who copied whom, with the reused passages as
 * evidence. A number names a story (its whole copy graph); anything else an article.
 */
import type { Command } from 'commander';
import type { ArticleRow, CopyEdge, Store } from '../../store/types.ts';
import { formatTime, truncate } from '../format.ts';
import { out, withDb, withStore } from '../options.ts';

export interface CopyGraph {
  nodes: Array<{ id: string; source: string | null; title: string | null; published: string | null; spinScore: number | null; duplicateOf: string | null }>;
  edges: Array<{ copy: string; source: string; share: number; spun: boolean; passages: CopyEdge['passages'] }>;
}

export async function copyGraph(store: Store, articles: ArticleRow[]): Promise<CopyGraph> {
  const edges = await store.copyEdges(articles.map((a) => a.id));
  const ids = new Set(articles.map((a) => a.id));
  const extra = [...new Set(edges.flatMap((e) => [e.articleId, e.sourceId]))].filter((id) => !ids.has(id));
  const all = [...articles];
  for (const id of extra) {
    const a = await store.getArticle(id);
    if (a) all.push(a);
  }
  return {
    nodes: all.map((a) => ({ id: a.id, source: a.source, title: a.title, published: a.published, spinScore: a.spinScore, duplicateOf: a.duplicateOf })),
    edges: edges.map((e) => ({ copy: e.articleId, source: e.sourceId, share: e.share, spun: e.spun, passages: e.passages })),
  };
}

export function register(program: Command): void {
  withDb(program.command('copies').description('Who copied whom in a story (or around one article), with reused passages as evidence').argument('<id>', 'story id or article id'))
    .option('--json', 'JSON output')
    .action(async (id: string, opts) => {
      await withStore(opts.db, async (store) => {
        const story = /^\d+$/.test(id) ? await store.getStory(Number(id)) : null;
        const articles = story ? await store.storyArticles(story.id) : [await store.getArticle(id)].filter((a): a is ArticleRow => a !== null);
        if (articles.length === 0) {
          process.stderr.write(`storyline: no story or article with id ${id}\n`);
          process.exitCode = 1;
          return;
        }
        const graph = await copyGraph(store, articles);
        if (opts.json) {
          out(JSON.stringify(graph, null, 2));
          return;
        }
        const byId = new Map((await Promise.all(graph.nodes.map((n) => store.getArticle(n.id)))).filter((a): a is ArticleRow => !!a).map((a) => [a.id, a]));
        const label = (articleId: string) => {
          const a = byId.get(articleId);
          return `${a?.source ?? '?'} ${formatTime(a?.publishedMs ?? null)} "${truncate(a?.title ?? a?.text ?? articleId, 50)}" (${articleId})`;
        };
        const duplicates = graph.nodes.filter((n) => n.duplicateOf);
        out(`${graph.edges.length} copy link${graph.edges.length === 1 ? '' : 's'}, ${duplicates.length} duplicate${duplicates.length === 1 ? '' : 's'}${story ? ` in story #${story.id}` : ''}`);
        for (const e of graph.edges) {
          out(`\n${label(e.copy)}\n  copied ${Math.round(e.share * 100)}%${e.spun ? ' (SPUN rewrite)' : ''} from ${label(e.source)}`);
          const copyText = byId.get(e.copy)?.text ?? '';
          const sourceText = byId.get(e.source)?.text ?? '';
          for (const p of e.passages.slice(0, 2)) {
            out(`    copy:   "${truncate(copyText.slice(p.start, p.end), 100)}"`);
            out(`    source: "${truncate(sourceText.slice(p.sourceStart, p.sourceEnd), 100)}"`);
          }
          if (e.passages.length > 2) out(`    … ${e.passages.length - 2} more passages`);
        }
        for (const n of duplicates) out(`\n${label(n.id)}\n  duplicate of ${label(n.duplicateOf!)}`);
      });
    });
}
