/**
 * Synthetic benchmark corpus: real paragraphs recombined into new articles with new dates and
 * sources. Each (event, epoch) pair becomes one synthetic story: its articles mix paragraphs
 * of one real event, a little noise from other events, within a few days; epochs are far apart
 * in time, so the clusterer sees many concurrent and successive stories, as in a real stream.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BenchCorpusOptions {
  articles: number;
  seed?: number;
  /** JSONL with article records (the news_cluster file). */
  sourceFile: string;
  /** JSONL with {"id","event"} lines for sourceFile. */
  goldFile: string;
  /** Mean articles per synthetic story. */
  storySize?: number;
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface EventPool {
  event: string;
  titles: string[];
  paragraphs: string[];
}

function loadPools(sourceFile: string, goldFile: string): EventPool[] {
  const gold = new Map<string, string>();
  for (const line of fs.readFileSync(goldFile, 'utf8').split('\n')) {
    if (line.trim()) {
      const g = JSON.parse(line);
      gold.set(g.id, String(g.event));
    }
  }
  const pools = new Map<string, EventPool>();
  for (const line of fs.readFileSync(sourceFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    const event = gold.get(r.id);
    if (!event || !r.text) continue;
    let pool = pools.get(event);
    if (!pool) pools.set(event, (pool = { event, titles: [], paragraphs: [] }));
    if (r.title) pool.titles.push(r.title);
    pool.paragraphs.push(...String(r.text).split(/\n+/).map((p: string) => p.trim()).filter((p: string) => p.split(/\s+/).length >= 12));
  }
  return [...pools.values()].filter((p) => p.paragraphs.length >= 3 && p.titles.length > 0);
}

const DAY_MS = 86_400_000;

/** Yields JSONL lines of the synthetic corpus. */
export function* benchCorpusLines(options: BenchCorpusOptions): Generator<string> {
  const random = prng(options.seed ?? 42);
  const pools = loadPools(options.sourceFile, options.goldFile);
  const storySize = options.storySize ?? 8;
  const sources = Array.from({ length: 400 }, (_, i) => `outlet${i}.example`);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const start = Date.UTC(2010, 0, 1);
  let produced = 0;
  let storyIndex = 0;
  while (produced < options.articles) {
    // Stories start one after another, ~6 hours apart on average, so at any time a few
    // hundred are active and the clusterer's candidate sets are realistic.
    const pool = pools[storyIndex % pools.length];
    const storyStart = start + storyIndex * 0.25 * DAY_MS + random() * DAY_MS;
    const size = Math.max(1, Math.round(storySize * (0.3 + random() * 1.4)));
    for (let k = 0; k < size && produced < options.articles; k++) {
      const paragraphs: string[] = [];
      const count = 3 + Math.floor(random() * 6);
      for (let p = 0; p < count; p++) paragraphs.push(pick(pool.paragraphs));
      if (random() < 0.5) paragraphs.splice(Math.floor(random() * paragraphs.length), 0, pick(pick(pools).paragraphs));
      const published = new Date(storyStart + random() * 3 * DAY_MS).toISOString();
      const source = pick(sources);
      yield JSON.stringify({
        id: `bench-${produced}`,
        url: `https://${source}/${storyIndex}/${k}`,
        source,
        title: pick(pool.titles),
        text: [...new Set(paragraphs)].join('\n\n'),
        published,
        story: `${pool.event}@${storyIndex}`,
      });
      produced++;
    }
    storyIndex++;
  }
}

export function writeBenchCorpus(file: string, options: BenchCorpusOptions): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    let buffer = '';
    for (const line of benchCorpusLines(options)) {
      buffer += line + '\n';
      if (buffer.length > 1 << 20) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}
