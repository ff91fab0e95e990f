import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { ROOT, runCli, scratchDir } from '../helpers.ts';

const RECORDS = 6000;

function checkConsistent(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const articles = (db.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
    const inStories = (db.prepare('SELECT coalesce(sum(article_count), 0) AS n FROM story').get() as { n: number }).n;
    const orphans = (db.prepare('SELECT count(*) AS n FROM article WHERE story_id NOT IN (SELECT id FROM story)').get() as { n: number }).n;
    const docCount = (db.prepare("SELECT coalesce(max(value), 0) AS n FROM counter WHERE name = 'doc_count'").get() as { n: number }).n;
    const fts = (db.prepare('SELECT count(*) AS n FROM article_fts').get() as { n: number }).n;
    // Articles, stories, statistics and the full-text index move together, batch by batch.
    assert.equal(inStories, articles);
    assert.equal(orphans, 0);
    assert.equal(docCount, articles);
    assert.equal(fts, articles);
    return articles;
  } finally {
    db.close();
  }
}

// A small file is ingested on the command's thread; past 4 MB on an ingest thread of its own
// (src/pipeline/ingest-thread.ts): kill -9 must be safe on both paths.
for (const { path: where, repeat } of [
  { path: 'on the command thread', repeat: 6 },
  { path: 'on its own ingest thread (input over 4 MB)', repeat: 17 },
]) test(`kill -9 during ingest ${where} leaves a consistent database; re-running completes it without duplicates`, async () => {
  const dir = scratchDir();
  const input = path.join(dir, 'big.jsonl');
  const words = ['storm', 'court', 'market', 'vote', 'strike', 'fire', 'treaty', 'launch', 'match', 'trial'];
  fs.writeFileSync(
    input,
    Array.from({ length: RECORDS }, (_, i) =>
      JSON.stringify({
        id: `k${i}`,
        title: `${words[i % 10]} update ${i}`,
        text: `Report ${i} on the ${words[i % 10]} in region ${i % 97}. ` + `Detail ${i * 13} about ${words[(i * 7) % 10]} and ${words[(i * 3) % 10]}. `.repeat(repeat),
        published: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
      }),
    ).join('\n'),
  );
  const db = path.join(dir, 'crash.db');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/storyline.js'), 'ingest', input, '--db', db, '--batch-size', '200', '--no-progress'], { stdio: 'ignore' });
  // Kill once some batches are committed but long before the end.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (fs.existsSync(db)) {
      try {
        const probe = new Database(db, { readonly: true });
        const n = (probe.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
        probe.close();
        if (n >= 400) break;
      } catch {
        /* schema not there yet */
      }
    }
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  const partial = checkConsistent(db);
  assert.ok(partial > 0 && partial < RECORDS, `partial ingest stored ${partial}`);

  const rerun = runCli(['ingest', input, '--db', db, '--no-progress']);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`already stored ${partial}\\b`));
  assert.equal(checkConsistent(db), RECORDS);
});
