/**
 * Cost of the online clusterer alone (features precomputed), as the number of stories grows.
 *
 *   node --import tsx scripts/bench-clusterer.ts [articles=20000] [epochs=50]
 *
 * The news_cluster articles are replayed `articles / 342` times, one minute apart; each
 * replay ("epoch", modulo `epochs`) renames every term with an epoch suffix, so replays form
 * new stories with their own vocabulary instead of joining the old ones. Prints CPU and wall
 * milliseconds per article for each 5,000 articles, stories in memory, and stories scored per
 * assignment (what the inverted index hands over for exact scoring).
 */
import { OnlineClusterer, type ClusterArticle } from '../src/cluster/online.ts';
import { DEFAULT_CLUSTER_PARAMS, type ArticleFeatures } from '../src/cluster/features.ts';
import { loadClusteringSet } from './cluster-data.ts';

const total = Number(process.argv[2] ?? 20000);
const epochs = Number(process.argv[3] ?? 50);
const base = loadClusteringSet('news_cluster').map((i) => i.article);
const articles: ClusterArticle[] = [];
for (let i = 0; i < total; i++) {
  const a = base[i % base.length];
  const suffix = String(Math.floor(i / base.length) % epochs);
  const features = a.features as ArticleFeatures; // computed inline: never numbered
  const rename = (m: Map<string, number>) => new Map([...m].map(([t, w]) => [t + suffix, w]));
  articles.push({ ...a, id: `a${i}`, publishedMs: Date.parse('2020-01-01') + i * 60_000, features: { counts: rename(features.counts), title: rename(features.title ?? new Map()) } });
}

const clusterer = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
const STEP = 5000;
let wall = performance.now();
let cpu = process.cpuUsage().user;
let scored = 0;
for (let i = 0; i < total; i++) {
  clusterer.assign(articles[i]);
  if ((i + 1) % STEP === 0 || i + 1 === total) {
    const n = (i % STEP) + 1;
    const now = performance.now();
    const cpuNow = process.cpuUsage().user;
    const s = clusterer.stats.storiesScored;
    console.log(
      `${i + 1} articles: ${((cpuNow - cpu) / 1000 / n).toFixed(3)} ms/article cpu, ${((now - wall) / n).toFixed(3)} wall; ` +
        `${clusterer.stories.size} stories in memory; ${((s - scored) / n).toFixed(1)} scored per article; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    wall = now;
    cpu = cpuNow;
    scored = s;
  }
}
