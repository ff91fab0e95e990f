/**
 * Online story clustering. Each article is compared, when it arrives, with the stories an
 * inverted index proposes for its strongest terms (never a scan over all stories), scored by
 * TF-IDF cosine to the story centroid discounted by the time gap, and joins the best story
 * above the threshold or starts a new one. Only stories active in the recent window (publication
 * time) stay in memory and in the index, so the cost per article stays flat as the corpus grows.
 */
import type { ArticleFeatures, ClusterParams } from './features.ts';
import type { StoryRow } from '../store/types.ts';

const DAY_MS = 86_400_000;
/** Posting lists keep the most recently touched stories only: old stories stop being proposed. */
const MAX_POSTINGS_PER_TERM = 64;
/** Candidates scored exactly, after ranking by index hits. */
const MAX_CANDIDATES = 40;
/** Evicting inactive stories is amortised over this many assignments. */
const EVICTION_INTERVAL = 500;

export interface ClusterArticle {
  id: string;
  title: string | null;
  source: string | null;
  publishedMs: number | null;
  features: ArticleFeatures;
}

export interface StoryState {
  id: number;
  centroid: Map<string, number>;
  count: number;
  firstMs: number | null;
  lastMs: number | null;
  sources: Set<string>;
  label: string | null;
  labelArticleId: string | null;
  labelScore: number;
  touchedSeq: number;
}

export interface Assignment {
  storyId: number;
  isNew: boolean;
  score: number;
}

interface SerialisedState {
  c: Array<[string, number]>;
  n: number;
  s: string[];
  ls: number;
}

export function storyFromRow(row: StoryRow): StoryState {
  const state = JSON.parse(row.state) as SerialisedState;
  return {
    id: row.id,
    centroid: new Map(state.c),
    count: state.n,
    firstMs: row.firstMs,
    lastMs: row.lastMs,
    sources: new Set(state.s),
    label: row.label,
    labelArticleId: row.labelArticleId,
    labelScore: state.ls,
    touchedSeq: row.touchedSeq,
  };
}

export function storyToRow(story: StoryState): StoryRow {
  const state: SerialisedState = {
    c: [...story.centroid].map(([t, w]) => [t, Math.round(w * 1e5) / 1e5]),
    n: story.count,
    s: [...story.sources],
    ls: story.labelScore,
  };
  return {
    id: story.id,
    label: story.label,
    labelArticleId: story.labelArticleId,
    firstMs: story.firstMs,
    lastMs: story.lastMs,
    articleCount: story.count,
    sourceCount: story.sources.size,
    touchedSeq: story.touchedSeq,
    state: JSON.stringify(state),
  };
}

function topEntries(map: Map<string, number>, k: number): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, k);
}

export class OnlineClusterer {
  readonly stories = new Map<number, StoryState>();
  private readonly postings = new Map<string, number[]>();
  readonly df: Map<string, number>;
  docCount: number;
  nextId: number;
  private seq = 0;
  /** Latest publication time seen: the clock for the active window. */
  private clockMs: number | null = null;
  private sinceEviction = 0;
  /** Stories changed since the last `takeDirty()`. */
  private readonly dirty = new Set<number>();
  /** Document-frequency increments since the last `takeDfDeltas()`. */
  private dfDeltas = new Map<string, number>();
  private docDelta = 0;

  constructor(
    readonly params: ClusterParams,
    init: { df?: Map<string, number>; docCount?: number; nextId?: number; stories?: StoryRow[] } = {},
  ) {
    this.df = init.df ?? new Map();
    this.docCount = init.docCount ?? 0;
    this.nextId = init.nextId ?? 1;
    for (const row of init.stories ?? []) {
      const story = storyFromRow(row);
      this.seq = Math.max(this.seq, story.touchedSeq);
      if (story.lastMs !== null) this.clockMs = Math.max(this.clockMs ?? -Infinity, story.lastMs);
      this.stories.set(story.id, story);
      this.indexStory(story);
    }
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log((this.docCount + 1) / (df + 1)) + 1;
  }

  /** Counts the article into the document frequencies (before weighting it, as a streaming IDF). */
  private observe(features: ArticleFeatures): void {
    this.docCount++;
    this.docDelta++;
    for (const term of features.counts.keys()) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      this.dfDeltas.set(term, (this.dfDeltas.get(term) ?? 0) + 1);
    }
  }

  /** Unit-length TF-IDF vector of an article. */
  vectorize(features: ArticleFeatures): Map<string, number> {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [term, tf] of features.counts) {
      const w = tf * this.idf(term);
      vector.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, w] of vector) vector.set(term, w / norm);
    return vector;
  }

  private timeFactor(story: StoryState, ms: number | null): number {
    if (ms === null || story.firstMs === null || story.lastMs === null) return 1;
    const gapDays = Math.max(0, story.firstMs - ms, ms - story.lastMs) / DAY_MS;
    return Math.exp(-gapDays / this.params.timeScaleDays);
  }

  private isActive(story: StoryState, ms: number | null): boolean {
    if (ms === null || story.lastMs === null) return true;
    return ms - story.lastMs <= this.params.activeWindowDays * DAY_MS && story.firstMs! - ms <= this.params.activeWindowDays * DAY_MS;
  }

  private static centroidNorm(story: StoryState): number {
    let norm = 0;
    for (const w of story.centroid.values()) norm += w * w;
    return Math.sqrt(norm) || 1;
  }

  similarity(vector: Map<string, number>, story: StoryState): number {
    let dot = 0;
    for (const [term, w] of vector) {
      const c = story.centroid.get(term);
      if (c !== undefined) dot += w * c;
    }
    return dot / OnlineClusterer.centroidNorm(story);
  }

  private candidates(vector: Map<string, number>, ms: number | null): StoryState[] {
    const hits = new Map<number, number>();
    for (const [term, w] of topEntries(vector, this.params.queryTerms)) {
      for (const id of this.postings.get(term) ?? []) hits.set(id, (hits.get(id) ?? 0) + w);
    }
    const ranked = [...hits].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);
    const out: StoryState[] = [];
    for (const [id] of ranked) {
      const story = this.stories.get(id);
      if (story && this.isActive(story, ms)) out.push(story);
    }
    return out;
  }

  private indexStory(story: StoryState): void {
    for (const [term] of topEntries(story.centroid, this.params.indexTerms)) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      const at = list.indexOf(story.id);
      if (at !== -1) list.splice(at, 1);
      list.push(story.id);
      if (list.length > MAX_POSTINGS_PER_TERM) list.shift();
    }
  }

  private addToStory(story: StoryState, vector: Map<string, number>, article: ClusterArticle): void {
    for (const [term, w] of vector) story.centroid.set(term, (story.centroid.get(term) ?? 0) + w);
    if (story.centroid.size > this.params.centroidTerms * 1.5) {
      story.centroid = new Map(topEntries(story.centroid, this.params.centroidTerms));
    }
    story.count++;
    if (article.source) story.sources.add(article.source);
    const ms = article.publishedMs;
    if (ms !== null) {
      story.firstMs = story.firstMs === null ? ms : Math.min(story.firstMs, ms);
      story.lastMs = story.lastMs === null ? ms : Math.max(story.lastMs, ms);
    }
    // The label is the title of the member closest to the centroid: the most central report.
    if (article.title) {
      const centrality = this.similarity(vector, story);
      if (story.label === null || centrality > story.labelScore) {
        story.label = article.title;
        story.labelArticleId = article.id;
        story.labelScore = centrality;
      } else {
        // The old label's centrality was measured against an older centroid; let it drift down.
        story.labelScore *= 0.98;
      }
    }
    story.touchedSeq = ++this.seq;
    this.dirty.add(story.id);
    this.indexStory(story);
  }

  private newStory(): StoryState {
    const story: StoryState = {
      id: this.nextId++,
      centroid: new Map(),
      count: 0,
      firstMs: null,
      lastMs: null,
      sources: new Set(),
      label: null,
      labelArticleId: null,
      labelScore: -1,
      touchedSeq: 0,
    };
    this.stories.set(story.id, story);
    return story;
  }

  /** Assigns an article to the best active story above the threshold, or to a new story. */
  assign(article: ClusterArticle): Assignment {
    this.observe(article.features);
    const vector = this.vectorize(article.features);
    const ms = article.publishedMs;
    let best: StoryState | null = null;
    let bestScore = -1;
    for (const story of this.candidates(vector, ms)) {
      const score = this.similarity(vector, story) * this.timeFactor(story, ms);
      if (score > bestScore) {
        best = story;
        bestScore = score;
      }
    }
    const joins = best !== null && bestScore >= this.params.threshold;
    const story = joins ? best! : this.newStory();
    this.addToStory(story, vector, article);
    this.tick(ms);
    return { storyId: story.id, isNew: !joins, score: joins ? bestScore : 0 };
  }

  /** Puts an article into a known story (a duplicate joins its original's story). */
  join(storyId: number, article: ClusterArticle): boolean {
    const story = this.stories.get(storyId);
    if (!story) return false;
    this.observe(article.features);
    this.addToStory(story, this.vectorize(article.features), article);
    this.tick(article.publishedMs);
    return true;
  }

  /** Re-enters a story loaded from the store (e.g. a duplicate's story that had been evicted). */
  restore(row: StoryRow): void {
    if (this.stories.has(row.id)) return;
    const story = storyFromRow(row);
    this.stories.set(story.id, story);
    this.indexStory(story);
  }

  private tick(ms: number | null): void {
    if (ms !== null) this.clockMs = Math.max(this.clockMs ?? -Infinity, ms);
    if (++this.sinceEviction >= EVICTION_INTERVAL) {
      this.sinceEviction = 0;
      this.evict();
    }
  }

  /** Drops stories outside the active window (dated) or beyond the memory cap (undated). */
  private evict(): void {
    const windowMs = this.params.activeWindowDays * DAY_MS;
    const clock = this.clockMs;
    for (const story of this.stories.values()) {
      if (this.dirty.has(story.id)) continue;
      if (clock !== null && story.lastMs !== null && clock - story.lastMs > windowMs) this.stories.delete(story.id);
    }
    if (this.stories.size > this.params.maxActiveStories) {
      const byAge = [...this.stories.values()].filter((s) => !this.dirty.has(s.id)).sort((a, b) => a.touchedSeq - b.touchedSeq);
      for (const story of byAge.slice(0, this.stories.size - this.params.maxActiveStories)) this.stories.delete(story.id);
    }
    // Posting lists are cleaned lazily: ids of evicted stories are skipped at lookup and
    // age out of the bounded lists; drop lists that hold only evicted stories.
    for (const [term, list] of this.postings) {
      if (!list.some((id) => this.stories.has(id))) this.postings.delete(term);
    }
  }

  takeDirty(): StoryRow[] {
    const rows: StoryRow[] = [];
    for (const id of this.dirty) {
      const story = this.stories.get(id);
      if (story) rows.push(storyToRow(story));
    }
    this.dirty.clear();
    return rows;
  }

  takeDfDeltas(): { deltas: Map<string, number>; docs: number } {
    const out = { deltas: this.dfDeltas, docs: this.docDelta };
    this.dfDeltas = new Map();
    this.docDelta = 0;
    return out;
  }
}
