/**
 * Online story clustering. Each article is compared, when it arrives, with the stories an
 * inverted index proposes for its strongest terms (never a scan over all stories); each
 * candidate is described by several similarities (pair-features.ts) and a small logistic
 * model (model.ts) gives the probability that the article belongs to it. The article joins
 * the most probable story when that probability reaches the model's threshold, or starts a
 * new story. Only stories active in the recent window (publication time) stay in memory and
 * in the index, so the cost per article stays flat as the corpus grows.
 */
import type { ArticleFeatures, ClusterParams } from './features.ts';
import type { StoryRow } from '../store/types.ts';
import { DEFAULT_JOIN_MODEL, joinProbability, type JoinModel } from './model.ts';
import { pairFeatures, unitTfIdf, type ArticleVectors, type PairFeatures, type TermCounts } from './pair-features.ts';
import { emptyStory, storyFromRow, storyToRow, type StoryState } from './story.ts';
import { addInto, dot, norm, topEntries, truncate } from './vectors.ts';
import { IDF_PRIOR } from './idf-prior.ts';
import { Vocabulary } from './vocabulary.ts';
import { isNumbered, type NumberedFeatures } from './term-numbers.ts';

export { storyFromRow, storyToRow, type StoryState } from './story.ts';
export { DEFAULT_CLUSTER_PARAMS } from './features.ts';

const DAY_MS = 86_400_000;
/** Posting lists keep the most recently touched stories only: old stories stop being proposed. */
const MAX_POSTINGS_PER_TERM = 64;
/** Candidates scored exactly, after ranking by the weight of the query terms they share. */
const MAX_CANDIDATES = 12;
/** Re-index an established story's terms once per this many updates. */
const REINDEX_EVERY = 4;
/** Evicting inactive stories is amortised over this many assignments. */
const EVICTION_INTERVAL = 500;
/** Terms kept in a story's title centroid: headlines are short, a few dozen terms cover them. */
const TITLE_CENTROID_TERMS = 40;
/** Per assignment, the label's old centrality decays by this factor so a fresher central title can take over. */
const LABEL_SCORE_DECAY = 0.98;

export interface ClusterArticle {
  id: string;
  title: string | null;
  source: string | null;
  publishedMs: number | null;
  /** As computed, or numbered by a prepare worker (term-numbers.ts). */
  features: ArticleFeatures | NumberedFeatures;
}

export interface Assignment {
  storyId: number;
  isNew: boolean;
  /** Join probability of the chosen story (0 for a new story). */
  score: number;
}

/** One scored candidate story for an article. */
export interface ScoredCandidate {
  story: StoryState;
  features: PairFeatures;
  probability: number;
}

/** An article vectorised and compared with its candidates, not yet placed in a story. */
export interface PendingArticle {
  article: ClusterArticle;
  vectors: ArticleVectors;
  /** Candidates, most probable first. */
  candidates: ScoredCandidate[];
}

export interface ClustererInit {
  df?: Map<string, number>;
  docCount?: number;
  nextId?: number;
  stories?: StoryRow[];
  /** The join model; the trained one by default. */
  model?: JoinModel;
}

export class OnlineClusterer {
  readonly stories = new Map<number, StoryState>();
  /** Inverted index: term → ids of stories with that term among their heaviest (bounded sets). */
  private readonly postings = new Map<number, Set<number>>();
  /** Term ids and document frequencies (observed, plus the background prior when enabled). */
  readonly vocabulary: Vocabulary;
  docCount: number;
  nextId: number;
  readonly model: JoinModel;
  /** Work counters: how many candidate stories were scored, over how many assignments. */
  readonly stats = { assignments: 0, storiesScored: 0 };
  private seq = 0;
  /** Latest publication time seen: the clock for the active window. */
  private clockMs: number | null = null;
  private sinceEviction = 0;
  /** Stories changed since the last `takeDirty()`. */
  private readonly dirty = new Set<number>();
  /** Documents counted since the last `takeDfDeltas()`. */
  private docDelta = 0;
  /** Scratch: the scored article's text weights by term id (zero between articles). */
  private dense = new Float64Array(1024);
  /** Scratch: candidate stories' shared query-term weight by story id (zero between articles). */
  private hitWeights = new Float64Array(1024);

  constructor(
    readonly params: ClusterParams,
    init: ClustererInit = {},
  ) {
    this.vocabulary = new Vocabulary(params.useIdfPrior ? IDF_PRIOR : null);
    for (const [term, df] of init.df ?? []) this.vocabulary.load(term, df);
    this.docCount = init.docCount ?? 0;
    this.nextId = init.nextId ?? 1;
    this.model = init.model ?? DEFAULT_JOIN_MODEL;
    for (const row of init.stories ?? []) {
      const story = storyFromRow(row, this.vocabulary);
      this.seq = Math.max(this.seq, story.touchedSeq);
      if (story.lastMs !== null) this.clockMs = Math.max(this.clockMs ?? -Infinity, story.lastMs);
      this.stories.set(story.id, story);
      this.indexStory(story);
    }
  }

  /** Observed document frequencies by term (for inspection). */
  get df(): Map<string, number> {
    return this.vocabulary.observed();
  }

  /**
   * Smoothed inverse document frequency from the statistics seen so far plus the background
   * prior (idf-prior.ts), which dominates for a fresh store and fades as documents accumulate.
   */
  private idf(id: number): number {
    const docs = this.docCount + (this.params.useIdfPrior ? IDF_PRIOR.docs : 0);
    return Math.log((docs + 1) / (this.vocabulary.documentFrequency(id) + 1)) + 1;
  }

  /**
   * Turns the article's terms into ids and, when `count` is set, counts it into the document
   * frequencies (before weighting it: a streaming IDF); returns the unit TF-IDF vectors.
   */
  private vectorizeFeatures(article: ClusterArticle, count: boolean): ArticleVectors {
    const { text: textTerms, title: titleTerms } = this.termIds(article.features);
    if (count) {
      for (const id of textTerms.ids) this.vocabulary.count(id);
      this.docCount++;
      this.docDelta++;
    }
    const idf = (id: number) => this.idf(id);
    const text = unitTfIdf(textTerms, idf);
    return {
      text: text.vector,
      packedText: text.packed,
      title: unitTfIdf(titleTerms, idf).vector,
      publishedMs: article.publishedMs,
      terms: textTerms.ids.length,
      arrival: this.seq,
    };
  }

  /** The features by vocabulary id, text terms first (ids are assigned in this order on first sight). */
  private termIds(features: ArticleFeatures | NumberedFeatures): { text: TermCounts; title: TermCounts } {
    const text: TermCounts = { ids: [], counts: [] };
    const title: TermCounts = { ids: [], counts: [] };
    if (isNumbered(features)) {
      const space = features.space;
      if (!space) throw new Error('numbered features arrived without their term space');
      for (let i = 0; i < features.numbers.length; i++) {
        text.ids.push(space.id(features.numbers[i], this.vocabulary));
        text.counts.push(features.weights[i]);
      }
      for (let i = 0; i < features.titleNumbers.length; i++) {
        title.ids.push(space.id(features.titleNumbers[i], this.vocabulary));
        title.counts.push(features.titleWeights[i]);
      }
    } else {
      for (const [term, tf] of features.counts) {
        text.ids.push(this.vocabulary.id(term));
        text.counts.push(tf);
      }
      for (const [term, tf] of features.title ?? []) {
        title.ids.push(this.vocabulary.id(term));
        title.counts.push(tf);
      }
    }
    return { text, title };
  }

  /** Unit-length TF-IDF vectors of an article's text and title (not counted into the statistics). */
  vectorize(article: ClusterArticle): ArticleVectors {
    return this.vectorizeFeatures(article, false);
  }

  private isActive(story: StoryState, ms: number | null): boolean {
    if (ms === null || story.lastMs === null || story.firstMs === null) return true;
    const windowMs = this.params.activeWindowDays * DAY_MS;
    return ms - story.lastMs <= windowMs && story.firstMs - ms <= windowMs;
  }

  /** Stories sharing the article's strongest terms, ranked by the weight of the shared terms. */
  private candidates(vectors: ArticleVectors): StoryState[] {
    // Weights summed in an array by story id (ids are small and dense), the ids hit in order.
    if (this.hitWeights.length < this.nextId) this.hitWeights = new Float64Array(Math.max(this.nextId, this.hitWeights.length * 2));
    const weights = this.hitWeights;
    const hit: number[] = [];
    for (const [term, w] of topEntries(vectors.text, this.params.queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      for (const id of list) {
        if (weights[id] === 0) hit.push(id);
        // Term weights are positive (tf > 0, idf > 0): a story hit once never sums to 0.
        weights[id] += w;
      }
    }
    const ranked = hit.length > MAX_CANDIDATES ? hit.sort((a, b) => weights[b] - weights[a] || a - b).slice(0, MAX_CANDIDATES) : hit;
    for (const id of hit) weights[id] = 0;
    const out: StoryState[] = [];
    for (const id of ranked) {
      const story = this.stories.get(id);
      if (story && this.isActive(story, vectors.publishedMs)) out.push(story);
    }
    return out;
  }

  /**
   * Vectorises an article (counting it into the document frequencies) and scores its
   * candidate stories, without placing it. `assign` is `score` + `place`; the training script
   * uses the two halves to follow gold assignments.
   */
  score(article: ClusterArticle): PendingArticle {
    const vectors = this.vectorizeFeatures(article, true);
    const candidates: ScoredCandidate[] = [];
    const stories = this.candidates(vectors);
    if (stories.length > 0) {
      // Scatter the article once; each candidate's centroids are then summed against it.
      if (this.dense.length < this.vocabulary.size) this.dense = new Float64Array(Math.max(this.vocabulary.size, this.dense.length * 2));
      const { ids, weights } = vectors.packedText;
      for (let i = 0; i < ids.length; i++) this.dense[ids[i]] = weights[i];
      for (const story of stories) {
        const features = pairFeatures(vectors, story, this.dense);
        candidates.push({ story, features, probability: joinProbability(this.model, features) });
      }
      for (let i = 0; i < ids.length; i++) this.dense[ids[i]] = 0;
    }
    candidates.sort((a, b) => b.probability - a.probability || a.story.id - b.story.id);
    this.stats.assignments++;
    this.stats.storiesScored += candidates.length;
    return { article, vectors, candidates };
  }

  /** Puts a scored article into `storyId`, or into a new story when it is null. */
  place(pending: PendingArticle, storyId: number | null): Assignment {
    const known = storyId === null ? undefined : this.stories.get(storyId);
    const story = known ?? this.newStory();
    this.addToStory(story, pending.vectors, pending.article);
    this.tick(pending.article.publishedMs);
    const probability = known ? (pending.candidates.find((c) => c.story === known)?.probability ?? 1) : 0;
    return { storyId: story.id, isNew: !known, score: probability };
  }

  /** Assigns an article to the most probable active story above the threshold, or to a new story. */
  assign(article: ClusterArticle): Assignment {
    const pending = this.score(article);
    const best = pending.candidates[0];
    const joins = best !== undefined && best.probability >= (this.params.joinThreshold ?? this.model.threshold);
    return this.place(pending, joins ? best.story.id : null);
  }

  /** Puts an article into a known story (a duplicate joins its original's story). */
  join(storyId: number, article: ClusterArticle): boolean {
    const story = this.stories.get(storyId);
    if (!story) return false;
    this.addToStory(story, this.vectorizeFeatures(article, true), article);
    this.tick(article.publishedMs);
    return true;
  }

  /** Re-enters a story loaded from the store (e.g. a duplicate's story that had been evicted). */
  restore(row: StoryRow): void {
    if (this.stories.has(row.id)) return;
    const story = storyFromRow(row, this.vocabulary);
    this.stories.set(story.id, story);
    this.indexStory(story);
  }

  private indexStory(story: StoryState): void {
    for (const [term] of topEntries(story.centroid, this.params.indexTerms)) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new Set()));
      list.add(story.id);
      if (list.size > MAX_POSTINGS_PER_TERM) this.dropStalest(list);
    }
  }

  /** A full posting list forgets its least recently updated (or already evicted) story. */
  private dropStalest(list: Set<number>): void {
    let stalest = -1;
    let stalestSeq = Infinity;
    for (const id of list) {
      const seq = this.stories.get(id)?.touchedSeq ?? -1;
      if (seq < stalestSeq) {
        stalest = id;
        stalestSeq = seq;
      }
    }
    list.delete(stalest);
  }

  private addToStory(story: StoryState, vectors: ArticleVectors, article: ClusterArticle): void {
    story.packed = null;
    addInto(story.centroid, vectors.text);
    // Truncate with slack so the (costly) selection runs once every few additions.
    if (story.centroid.size > this.params.centroidTerms * 1.5) story.centroid = truncate(story.centroid, this.params.centroidTerms);
    addInto(story.titleCentroid, vectors.title);
    if (story.titleCentroid.size > TITLE_CENTROID_TERMS * 1.5) story.titleCentroid = truncate(story.titleCentroid, TITLE_CENTROID_TERMS);
    story.centroidNorm = norm(story.centroid);
    story.titleNorm = norm(story.titleCentroid);
    story.count++;
    if (article.source) story.sources.add(article.source);
    const ms = article.publishedMs;
    if (ms !== null) {
      story.firstMs = story.firstMs === null ? ms : Math.min(story.firstMs, ms);
      story.lastMs = story.lastMs === null ? ms : Math.max(story.lastMs, ms);
    }
    // The label is the title of the member closest to the centroid: the most central report.
    if (article.title) {
      const centrality = dot(vectors.text, story.centroid) / (story.centroidNorm || 1);
      if (story.label === null || centrality > story.labelScore) {
        story.label = article.title;
        story.labelArticleId = article.id;
        story.labelScore = centrality;
      } else {
        // The old label's centrality was measured against an older centroid; let it drift down.
        story.labelScore *= LABEL_SCORE_DECAY;
      }
    }
    story.touchedSeq = ++this.seq;
    this.dirty.add(story.id);
    // A story's heaviest terms settle after a few members: re-index every update while it is
    // young, then every REINDEX_EVERY updates (the postings only need to be roughly current).
    if (story.count <= REINDEX_EVERY || story.count % REINDEX_EVERY === 0) this.indexStory(story);
  }

  private newStory(): StoryState {
    const story = emptyStory(this.nextId++);
    this.stories.set(story.id, story);
    return story;
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
    // Between evictions, ids of evicted stories are skipped at lookup; here they are removed.
    for (const [term, list] of this.postings) {
      for (const id of list) if (!this.stories.has(id)) list.delete(id);
      if (list.size === 0) this.postings.delete(term);
    }
  }

  takeDirty(): StoryRow[] {
    const rows: StoryRow[] = [];
    for (const id of this.dirty) {
      const story = this.stories.get(id);
      if (story) rows.push(storyToRow(story, this.vocabulary));
    }
    this.dirty.clear();
    return rows;
  }

  takeDfDeltas(): { deltas: Map<string, number>; docs: number } {
    const out = { deltas: this.vocabulary.takeDeltas(), docs: this.docDelta };
    this.docDelta = 0;
    return out;
  }
}
