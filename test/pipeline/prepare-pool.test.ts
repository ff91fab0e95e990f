/**
 * A prepare worker either finishes its articles (language detection, line keys, annotations
 * as JSON and facet rows) or leaves that to the thread that receives them, as PreparePool
 * decides from how busy the threads are; the articles must come out the same either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PreparePool } from '../../src/pipeline/prepare-pool.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { serialiseAnnotations } from '../../src/store/facets.ts';
import type { PreparedArticle } from '../../src/pipeline/prepare.ts';
import type { RawRecord } from '../../src/types.ts';
import { ROOT } from '../helpers.ts';

async function prepared(records: RawRecord[], finishInWorkers: boolean): Promise<PreparedArticle[]> {
  const pool = await PreparePool.start(1, DEFAULT_CLUSTER_PARAMS, { finishInWorkers });
  try {
    const results = (await Promise.all([pool.prepare(records.slice(0, 20)), pool.prepare(records.slice(20))])).flat();
    return results.map((r) => {
      assert.ok('article' in r, JSON.stringify(r));
      return r.article;
    });
  } finally {
    await pool.close();
  }
}

test('articles finished on the worker equal articles finished by the receiving thread', async () => {
  const records: RawRecord[] = [];
  for await (const item of readInputs([path.join(ROOT, 'examples/sample/news-sample.jsonl')])) if ('record' in item) records.push(item.record);
  // A record that declares one language and is written in another: detection decides.
  records.push({ ...records[0], input: { ...records[0].input, id: 'declared-fr', language: 'fr' } });
  const german =
    'Die Regierung hat am Mittwoch beschlossen, die Förderung für erneuerbare Energien deutlich zu erhöhen. ' +
    'Nach Angaben des Ministeriums sollen die zusätzlichen Mittel vor allem in den Ausbau der Windkraft fließen, ' +
    'während die Opposition vor steigenden Kosten für die Verbraucher warnt und eine Debatte im Bundestag fordert.';
  records.push({ ...records[1], input: { ...records[1].input, id: 'german', text: german, language: undefined } });
  const byWorker = await prepared(records, true);
  const byReceiver = await prepared(records, false);
  assert.equal(byReceiver.length, records.length);
  const languages = new Set<string | null>();
  byWorker.forEach((finished, i) => {
    const deferred = byReceiver[i];
    assert.equal(deferred.unfinished, undefined, 'finished on arrival');
    assert.equal(finished.unfinished, undefined);
    assert.equal(deferred.language, finished.language, deferred.id);
    languages.add(finished.language);
    assert.equal(finished.annotations, null, 'the worker posts annotations serialised');
    assert.ok(deferred.annotations && !deferred.serialisedAnnotations, 'the receiver gets them as objects');
    assert.deepEqual(serialiseAnnotations(deferred.annotations), finished.serialisedAnnotations);
    const rest = (a: PreparedArticle) => ({ ...a, annotations: undefined, serialisedAnnotations: undefined });
    assert.deepEqual(rest(deferred), rest(finished));
  });
  assert.ok(byReceiver.filter((a) => a.lineKeys.length > 0).length > 30, 'line keys computed on arrival');
  assert.equal(byWorker.at(-2)!.language, 'en', 'detected, not the declared "fr"');
  assert.equal(byWorker.at(-1)!.language, 'de');
  assert.deepEqual([...languages].sort(), ['de', 'en']);
});
