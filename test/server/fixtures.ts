/**
 * Test databases for the server and the browser tests.
 * - `buildConstructedDb`: a small corpus written through the store's commitBatch, with the
 *   annotations, copy edges, duplicates and boilerplate spans that the later stages produce,
 *   so every part of the API and UI has data whether or not those stages are wired yet.
 * - `ingestExamples`: the bundled seeds and sample through the real ingest pipeline.
 */
import path from 'node:path';
import { openStore, type SqliteStore } from '../../src/store/sqlite/index.ts';
import type { CopyEdge, NewArticle, StoryRow } from '../../src/store/types.ts';
import type { Annotations, BoilerplateSpan } from '../../src/types.ts';
import { ROOT } from '../helpers.ts';

export const SUMMIT_PARAGRAPH =
  'North Korean leader Kim Jong Un will meet Russian President Vladimir Putin next week in the far eastern city of Vladivostok, the Kremlin said on Tuesday.';
export const SUMMIT_SPUN =
  'North Korean chief Kim Jong Un will encounter Russian Federation President Vladimir Putin following week in the far eastern town of Vladivostok, the Kremlin stated on Tuesday.';
const LINK_LIST = 'Top stories: Trump withdraws nomination | Oregon budget vote | Clerk charged over ballots';

function span(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`fixture: "${part}" not in text`);
  return { start, end: start + part.length };
}

function annotate(text: string, names: { people?: string[]; orgs?: string[]; places?: Array<[string, number, number, string]>; dates?: Array<[string, string]> }): Annotations {
  return {
    entities: [
      ...(names.people ?? []).map((n) => ({ ...span(text, n), text: n, type: 'PERSON' as const, canonical: n })),
      ...(names.orgs ?? []).map((n) => ({ ...span(text, n), text: n, type: 'ORG' as const, canonical: n })),
    ],
    places: (names.places ?? []).map(([n, lat, lon, country]) => ({ ...span(text, n), text: n, name: n, lat, lon, country })),
    dates: (names.dates ?? []).map(([t, value]) => ({ ...span(text, t), text: t, value })),
  };
}

let contentCounter = 0;
function article(fields: Partial<NewArticle> & Pick<NewArticle, 'id' | 'text' | 'storyId'>): NewArticle {
  return {
    inputId: fields.id,
    url: null,
    source: null,
    title: null,
    published: null,
    publishedMs: fields.published ? Date.parse(fields.published) : null,
    language: 'en',
    raw: JSON.stringify({ id: fields.id, text: fields.text }),
    origin: { file: 'fixture.jsonl', line: ++contentCounter },
    contentHash: `hash-${fields.id}`,
    duplicateOf: null,
    boilerplate: [],
    annotations: null,
    spinScore: null,
    minhash: null,
    nearDuplicateKeys: [],
    copyKeys: [],
    ...fields,
  };
}

export interface ConstructedIds {
  summitStory: number;
  rocketStory: number;
  undatedStory: number;
  wire: string;
  copy: string;
  spun: string;
  duplicate: string;
  independent: string;
  rocketA: string;
  rocketB: string;
  undated: string;
}

export const CONSTRUCTED: ConstructedIds = {
  summitStory: 1,
  rocketStory: 2,
  undatedStory: 3,
  wire: 'wire-1',
  copy: 'daily-copy',
  spun: 'spinner-1',
  duplicate: 'daily-dup',
  independent: 'indie-1',
  rocketA: 'rocket-a',
  rocketB: 'rocket-b',
  undated: 'undated-1',
};

/** Writes the constructed corpus into a new database at `file`; returns the open store. */
export async function buildConstructedDb(file: string): Promise<SqliteStore> {
  const store = openStore(file);
  const ids = CONSTRUCTED;
  const wireText = `${SUMMIT_PARAGRAPH}\n\n${LINK_LIST}\n\nThe summit would be the first between the two leaders, officials in Moscow said.`;
  const copyText = `Seoul (Daily) — ${SUMMIT_PARAGRAPH}\n\nAnalysts expect talks on sanctions.`;
  const spunText = `${SUMMIT_SPUN}\n\nMore news: Read the full report here`;
  const indieText = 'Security was tightened in Vladivostok ahead of a possible visit, residents of the port city told our reporter in Beijing and at home.';
  const wireBoilerplate: BoilerplateSpan[] = [{ ...span(wireText, LINK_LIST), kind: 'link-list' }];
  const spunBoilerplate: BoilerplateSpan[] = [{ ...span(spunText, 'More news: Read the full report here'), kind: 'promo' }];
  const summitNames = {
    people: ['Kim Jong Un', 'Vladimir Putin'],
    orgs: ['Kremlin'],
    places: [['Vladivostok', 43.1056, 131.874, 'RU']] as Array<[string, number, number, string]>,
    dates: [['next week', '2019-W17']] as Array<[string, string]>,
  };
  const articles: NewArticle[] = [
    article({
      id: ids.wire,
      storyId: ids.summitStory,
      source: 'wire.example',
      url: 'https://wire.example/asia/summit',
      title: 'Kim and Putin to meet in Vladivostok',
      published: '2019-04-16T08:00:00Z',
      text: wireText,
      boilerplate: wireBoilerplate,
      annotations: annotate(wireText, { ...summitNames, places: [...summitNames.places, ['Moscow', 55.7558, 37.6173, 'RU']] }),
    }),
    article({
      id: ids.copy,
      storyId: ids.summitStory,
      source: 'daily.example',
      url: 'http://daily.example/world/kim-putin',
      title: 'Kim Jong Un to meet Putin',
      published: '2019-04-16T10:00:00Z',
      text: copyText,
      annotations: annotate(copyText, summitNames),
    }),
    article({
      id: ids.spun,
      storyId: ids.summitStory,
      source: 'spinner.example',
      url: 'javascript:alert(1)',
      title: 'Kim Jong Un to encounter Putin',
      published: '2019-04-16T12:30:00Z',
      text: spunText,
      boilerplate: spunBoilerplate,
      spinScore: 0.91,
      annotations: annotate(spunText, { people: ['Kim Jong Un', 'Vladimir Putin'], places: summitNames.places }),
    }),
    article({
      id: ids.duplicate,
      storyId: ids.summitStory,
      source: 'daily.example',
      title: 'Kim Jong Un to meet Putin (update)',
      published: '2019-04-17T09:00:00Z',
      text: `${copyText} `,
      duplicateOf: ids.copy,
      annotations: annotate(copyText, summitNames),
    }),
    article({
      id: ids.independent,
      storyId: ids.summitStory,
      source: 'indie.example',
      title: 'Vladivostok prepares',
      published: '2019-04-18T06:00:00Z',
      text: indieText,
      annotations: annotate(indieText, { places: [['Vladivostok', 43.1056, 131.874, 'RU'], ['Beijing', 39.9042, 116.4074, 'CN']] }),
    }),
    article({
      id: ids.rocketA,
      storyId: ids.rocketStory,
      source: 'space.example',
      title: 'SpaceX readies Falcon Heavy',
      published: '2018-02-05T15:00:00Z',
      text: 'SpaceX will launch its Falcon Heavy rocket from Cape Canaveral on Tuesday.',
      annotations: annotate('SpaceX will launch its Falcon Heavy rocket from Cape Canaveral on Tuesday.', {
        orgs: ['SpaceX'],
        places: [['Cape Canaveral', 28.3922, -80.6077, 'US']],
        dates: [['Tuesday', '2018-02-06']],
      }),
    }),
    article({
      id: ids.rocketB,
      storyId: ids.rocketStory,
      source: 'wire.example',
      title: 'Falcon Heavy lifts off',
      published: '2018-02-06T20:45:00Z',
      text: 'The Falcon Heavy lifted off from Florida carrying a car.',
    }),
    article({ id: ids.undated, storyId: ids.undatedStory, text: 'An undated note without a source about a local fair.' }),
  ];
  const story = (id: number, label: string, members: NewArticle[], seq: number): StoryRow => {
    const times = members.map((a) => a.publishedMs).filter((t): t is number => t !== null);
    return {
      id,
      label,
      labelArticleId: members[0].id,
      firstMs: times.length ? Math.min(...times) : null,
      lastMs: times.length ? Math.max(...times) : null,
      articleCount: members.length,
      sourceCount: new Set(members.map((a) => a.source).filter(Boolean)).size,
      touchedSeq: seq,
      state: '{}',
    };
  };
  const byStory = (id: number) => articles.filter((a) => a.storyId === id);
  const edges: CopyEdge[] = [
    {
      articleId: ids.copy,
      sourceId: ids.wire,
      share: 0.8,
      spun: false,
      passages: [{ ...span(copyText, SUMMIT_PARAGRAPH), sourceStart: 0, sourceEnd: SUMMIT_PARAGRAPH.length }],
    },
    {
      articleId: ids.spun,
      sourceId: ids.wire,
      share: 0.62,
      spun: true,
      passages: [{ ...span(spunText, SUMMIT_SPUN), sourceStart: 0, sourceEnd: SUMMIT_PARAGRAPH.length }],
    },
  ];
  await store.commitBatch({
    articles,
    stories: [
      story(ids.summitStory, 'Kim and Putin to meet in Vladivostok', byStory(ids.summitStory), 3),
      story(ids.rocketStory, 'SpaceX readies Falcon Heavy', byStory(ids.rocketStory), 2),
      story(ids.undatedStory, 'An undated note', byStory(ids.undatedStory), 1),
    ],
    duplicateRelinks: [],
    dfDeltas: new Map(),
    docCountDelta: articles.length,
    nextStoryId: 4,
    copyEdges: edges,
  });
  return store;
}

/** Ingests the bundled seeds (and optionally the sample) through the real pipeline. */
export async function ingestExamples(file: string, options: { sample?: boolean } = {}): Promise<SqliteStore> {
  const { readInputs } = await import('../../src/ingest/readers.ts');
  const { ingest } = await import('../../src/pipeline/ingest.ts');
  const { defaultIngestOptions } = await import('../../src/pipeline/defaults.ts');
  const store = openStore(file);
  const inputs = [path.join(ROOT, 'examples/seeds'), ...(options.sample ? [path.join(ROOT, 'examples/sample')] : [])];
  const summary = await ingest(store, readInputs(inputs), await defaultIngestOptions());
  if (summary.errors.length) throw new Error(`fixture ingest failed: ${summary.errors.map((e) => e.reason).join('; ')}`);
  return store;
}

export const SEED_FILES = ['000_0fbb9887d98a567f.txt', '001_66de9ed15ed23a7d.txt'];
