/** Readers for the public data the reuse tests use (../shared/data, ../shared/seeds). */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED } from '../helpers.ts';

export interface NewsArticle {
  id: string;
  source: string;
  title?: string;
  text: string;
  published?: string;
  event?: string;
}

let cached: NewsArticle[] | null = null;

/** news_cluster.jsonl with each article's gold event. */
export function newsCluster(): NewsArticle[] {
  if (cached) return cached;
  const dir = path.join(SHARED, 'data/clustering');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const events = new Map<string, string>(read('news_cluster.gold.jsonl').map((g: { id: string; event: string }) => [g.id, g.event]));
  cached = read('news_cluster.jsonl').map((a: NewsArticle) => ({ ...a, event: events.get(a.id) }));
  return cached!;
}

export function seed(name: '000' | '001'): string {
  const dir = path.join(SHARED, 'seeds');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(name));
  if (!file) throw new Error(`seed ${name} not found in ${dir}`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}
