/**
 * Versioned schema. Each migration runs once, in its own transaction, and bumps
 * PRAGMA user_version; a database from an older Storyline is brought up to date on open.
 */

import type { Database as DatabaseHandle } from 'better-sqlite3';
import { migrateToPackedPostings } from './sqlite/postings.ts';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Data moves SQL alone cannot express; runs after `sql`, in the same transaction. */
  run?: (db: DatabaseHandle) => void;
}

/** Facet rows of the article row `new` (its entities and places), for the facet triggers. */
const FACET_ROWS_OF_NEW = `        INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail)
          SELECT 'entity', json_extract(value, '$.canonical'), new.rowid, json_extract(value, '$.type')
          FROM json_each(new.annotations, '$.entities') WHERE json_extract(value, '$.canonical') IS NOT NULL;
        INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail)
          SELECT 'place', json_extract(value, '$.name'), new.rowid, json_extract(value, '$.country')
          FROM json_each(new.annotations, '$.places') WHERE json_extract(value, '$.name') IS NOT NULL;
`;

/** Facets follow annotation updates and deletions (v3; recreated with the table in v6). */
const FACET_UPDATE_AND_DELETE_TRIGGERS = `      CREATE TRIGGER article_facet_update AFTER UPDATE OF annotations ON article BEGIN
        DELETE FROM article_facet WHERE article_rowid = old.rowid;
${FACET_ROWS_OF_NEW}      END;
      CREATE TRIGGER article_facet_delete AFTER DELETE ON article BEGIN
        DELETE FROM article_facet WHERE article_rowid = old.rowid;
      END;
`;

const ARTICLE_V6_COLUMNS =
  'id, input_id, url, source, title, published, published_ms, language, content_hash, duplicate_of, story_id, ingest_seq, spin_score, minhash, boilerplate, copied_from, origin, text, annotations, raw';

/** Pending full-text data FTS5 holds in memory before writing a segment (schema v7). */
export const FTS_PENDING_BYTES = 8 * 1024 * 1024;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'articles, near-duplicate LSH index, stories, document frequencies, full-text index',
    sql: `
      CREATE TABLE article (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        input_id TEXT,
        url TEXT,
        source TEXT,
        title TEXT,
        published TEXT,
        published_ms INTEGER,
        language TEXT,
        text TEXT NOT NULL,
        raw TEXT NOT NULL,
        origin TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        duplicate_of TEXT,
        story_id INTEGER,
        ingest_seq INTEGER NOT NULL,
        boilerplate TEXT NOT NULL DEFAULT '[]',
        annotations TEXT,
        copied_from TEXT NOT NULL DEFAULT '[]',
        spin_score REAL,
        minhash BLOB
      );
      CREATE INDEX article_content_hash ON article(content_hash);
      CREATE INDEX article_story ON article(story_id, published_ms);
      CREATE INDEX article_source ON article(source, published_ms);
      CREATE INDEX article_url ON article(url);

      CREATE TABLE near_duplicate_band (
        band_key TEXT NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_rowid)
      ) WITHOUT ROWID;

      CREATE TABLE story (
        id INTEGER PRIMARY KEY,
        label TEXT,
        label_article_id TEXT,
        first_ms INTEGER,
        last_ms INTEGER,
        article_count INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        touched_seq INTEGER NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX story_last ON story(last_ms);
      CREATE INDEX story_touched ON story(touched_seq);
      CREATE INDEX story_size ON story(article_count);

      CREATE TABLE term_df (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE counter (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE VIRTUAL TABLE article_fts USING fts5(
        title, text, content='article', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    description: 'copy-candidate index, per-source line statistics for boilerplate, copy evidence',
    sql: `
      CREATE TABLE copy_key (
        key TEXT NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, article_rowid)
      ) WITHOUT ROWID;

      CREATE TABLE source_line (
        source TEXT NOT NULL,
        line_hash TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (source, line_hash)
      ) WITHOUT ROWID;

      CREATE TABLE copy_edge (
        article_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        share REAL NOT NULL,
        spun INTEGER NOT NULL,
        passages TEXT NOT NULL,
        PRIMARY KEY (article_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX copy_edge_source ON copy_edge(source_id);
    `,
  },
  {
    version: 3,
    description: 'entity and place index for story filters (kept up to date by triggers), covering index for story pages',
    // The annotations live as JSON on the article row; filtering stories by an entity or a
    // place needs an index, not a scan of every row's JSON. Triggers keep it in step with
    // whatever writes the annotations (insert now, a later re-annotation as an update), so
    // the write path does not change. Names compare ASCII case-insensitively.
    sql: `
      CREATE TABLE article_facet (
        kind TEXT NOT NULL,
        key TEXT NOT NULL COLLATE NOCASE,
        article_rowid INTEGER NOT NULL,
        detail TEXT,
        PRIMARY KEY (kind, key, article_rowid)
      ) WITHOUT ROWID;
      -- Covering for a story page: its articles' names and their type / country, no table lookups.
      CREATE INDEX article_facet_article ON article_facet(article_rowid, kind, key, detail);

      -- A story page reads a few columns of every article in the story. In the row they sit
      -- after the text and the raw record, on overflow pages; this index holds them in order.
      CREATE INDEX article_story_cover ON article(story_id, published_ms, ingest_seq, source, duplicate_of, spin_score, id);

      CREATE TRIGGER article_facet_insert AFTER INSERT ON article WHEN new.annotations IS NOT NULL BEGIN
${FACET_ROWS_OF_NEW}      END;
${FACET_UPDATE_AND_DELETE_TRIGGERS}

      INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail)
        SELECT 'entity', json_extract(e.value, '$.canonical'), a.rowid, json_extract(e.value, '$.type')
        FROM article a, json_each(a.annotations, '$.entities') e
        WHERE a.annotations IS NOT NULL AND json_extract(e.value, '$.canonical') IS NOT NULL;
      INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail)
        SELECT 'place', json_extract(p.value, '$.name'), a.rowid, json_extract(p.value, '$.country')
        FROM article a, json_each(a.annotations, '$.places') p
        WHERE a.annotations IS NOT NULL AND json_extract(p.value, '$.name') IS NOT NULL;
    `,
  },
  {
    version: 4,
    description: 'candidate indexes as packed posting lists (one row per key), redundant story index dropped',
    // article_story (story_id, published_ms) is a prefix of article_story_cover.
    sql: `DROP INDEX IF EXISTS article_story;`,
    run: migrateToPackedPostings,
  },
  {
    version: 5,
    description: 'article facets of new rows written by the store from the annotations it already holds',
    // The insert trigger re-parsed each row's annotations JSON in SQL (json_each, then
    // json_extract per element): an insert cost ~0.27 ms with it, ~0.16 with the rows
    // written from the objects (`npm run bench:fast-paths`). The store
    // writes the same rows from the objects it has (SqliteStore.insertFacets); the update
    // and delete triggers stay for anything that rewrites annotations in SQL.
    sql: `DROP TRIGGER IF EXISTS article_facet_insert;`,
  },
  {
    version: 6,
    description: 'article columns reordered: what candidate look-ups read comes before the text and the raw record',
    // A row is ~5 kB, most of it on overflow pages; SQLite reads a column by walking the row
    // from its start, so the signature, spin score and duplicate link, once behind the text
    // and the raw record, cost every near-duplicate and copy-candidate look-up the whole walk.
    // Same columns, same rowids (the full-text index and the facets key on them).
    sql: `
      CREATE TABLE article_v6 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        input_id TEXT,
        url TEXT,
        source TEXT,
        title TEXT,
        published TEXT,
        published_ms INTEGER,
        language TEXT,
        content_hash TEXT NOT NULL,
        duplicate_of TEXT,
        story_id INTEGER,
        ingest_seq INTEGER NOT NULL,
        spin_score REAL,
        minhash BLOB,
        boilerplate TEXT NOT NULL DEFAULT '[]',
        copied_from TEXT NOT NULL DEFAULT '[]',
        origin TEXT NOT NULL,
        text TEXT NOT NULL,
        annotations TEXT,
        raw TEXT NOT NULL
      );
      INSERT INTO article_v6 (rowid, ${ARTICLE_V6_COLUMNS}) SELECT rowid, ${ARTICLE_V6_COLUMNS} FROM article;
      DROP TABLE article;
      ALTER TABLE article_v6 RENAME TO article;
      CREATE INDEX article_content_hash ON article(content_hash);
      CREATE INDEX article_source ON article(source, published_ms);
      CREATE INDEX article_url ON article(url);
      CREATE INDEX article_story_cover ON article(story_id, published_ms, ingest_seq, source, duplicate_of, spin_score, id);
${FACET_UPDATE_AND_DELETE_TRIGGERS}
    `,
  },
  {
    version: 7,
    description: 'full-text index buffers more pending entries in memory before writing a segment',
    // FTS5 writes its pending terms out as a new segment whenever they pass `hashsize`
    // (1 MiB by default) and at every savepoint; more segments mean more merge work later.
    // `npm run bench:fast-paths` ("full-text index") inserts bench articles with the real
    // schema as an ingest writes them (savepoints of 1,000 in one transaction) at v6 and v7.
    // The setting lives in the index's own config table, so it holds for every connection.
    sql: `INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', ${FTS_PENDING_BYTES});`,
  },
  {
    version: 8,
    description: 'copy edges keyed by article rowids, in the order they are written',
    // Keyed by the two article ids (text) the edge table was the second largest B-tree of the
    // 100k bench (172 MB, 42k pages) and its source index another 22 MB. Keyed by rowids, a new
    // article's edges go to the end of the table (its rowid is the largest: of 728k edges on
    // the bench, 2 point from an older row to a newer one), and both keys are small integers.
    // Edges whose articles are not stored cannot arise (articles are never deleted) and are
    // not carried over.
    sql: `
      CREATE TABLE copy_edge_v8 (
        article_rowid INTEGER NOT NULL,
        source_rowid INTEGER NOT NULL,
        share REAL NOT NULL,
        spun INTEGER NOT NULL,
        passages TEXT NOT NULL,
        PRIMARY KEY (article_rowid, source_rowid)
      ) WITHOUT ROWID;
      INSERT INTO copy_edge_v8 (article_rowid, source_rowid, share, spun, passages)
        SELECT a.rowid, s.rowid, e.share, e.spun, e.passages
        FROM copy_edge e JOIN article a ON a.id = e.article_id JOIN article s ON s.id = e.source_id
        ORDER BY a.rowid, s.rowid;
      DROP TABLE copy_edge;
      ALTER TABLE copy_edge_v8 RENAME TO copy_edge;
      CREATE INDEX copy_edge_source ON copy_edge(source_rowid);
    `,
  },
];
