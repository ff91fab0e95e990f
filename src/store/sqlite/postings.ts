/**
 * Posting lists of the two candidate indexes (near-duplicate LSH bands, copy keys) as one
 * row per key: an INTEGER key and the article rowids packed in a blob, first holders first.
 *
 * One row per (key, article) made both indexes the largest B-trees of the database, with
 * random keys: every article inserted ~70 rows at random places and every look-up read
 * ~1,400 rows. Packed, an insert appends to ~70 rows and a look-up reads ~70, and the
 * tables stay a fraction of the size, so the cost per article no longer grows with the
 * store the way it did.
 */
import type { Database as DatabaseHandle, Statement } from 'better-sqlite3';
import { MAX_POSTINGS_PER_KEY } from '../../dedup/copies-index.ts';
import { KeyFilter } from './key-filter.ts';
import { RecentCache } from '../recent-cache.ts';
import { RowidTally, type KeyHits } from './key-hits.ts';

/** Rowids kept per copy key: the candidate rule of src/dedup/copies-index.ts. */
export const MAX_POSTINGS_PER_COPY_KEY = MAX_POSTINGS_PER_KEY;
/**
 * Rowids kept per LSH band. Articles sharing a band are near duplicates of one another; the
 * first holders include the original, which is all a new copy needs to find.
 */
export const MAX_POSTINGS_PER_BAND = 64;

/** Copy keys are "c1:<uint32 in base 36>" (src/dedup/copies-keys.ts): the number is the key. */
export function copyKeyId(key: string): number {
  const colon = key.indexOf(':');
  const value = parseInt(key.slice(colon + 1), 36);
  if (colon < 0 || !Number.isFinite(value)) throw new Error(`not a copy key: ${key}`);
  return value;
}

/** A band key string as a 52-bit integer (two FNV-1a variants); collisions only add candidates that Jaccard rejects. */
export function bandKeyId(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}

export function encodeRowids(rowids: number[]): Buffer {
  const buffer = Buffer.alloc(rowids.length * 4);
  rowids.forEach((rowid, i) => buffer.writeUInt32LE(rowid, i * 4));
  return buffer;
}

export function decodeRowids(blob: Uint8Array): number[] {
  const out: number[] = new Array(blob.byteLength >>> 2);
  for (let k = 0, i = 0; k < out.length; k++, i += 4) out[k] = (blob[i] | (blob[i + 1] << 8) | (blob[i + 2] << 16) | (blob[i + 3] << 24)) >>> 0;
  return out;
}

export const POSTINGS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS band_posting (key INTEGER PRIMARY KEY, rowids BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS copy_posting (key INTEGER PRIMARY KEY, rowids BLOB NOT NULL);
`;

/**
 * Appends rowids to a key's list, keeping at most `cap`, unless the list is full. `||`
 * concatenates as text; the bytes are kept as they are (UTF-8 database), CAST makes the value
 * a blob again and substr of a blob counts bytes.
 */
function appendStatement(db: DatabaseHandle, table: string, cap: number): Statement {
  return db.prepare(`INSERT INTO ${table} (key, rowids) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET rowids = substr(CAST(rowids || excluded.rowids AS BLOB), 1, ${cap * 4}) WHERE length(rowids) < ${cap * 4}`);
}

/**
 * Lists kept in memory per table, the most recently used (then forgotten and read again).
 * Appends made through this object are made to the held lists too, so a held list is always
 * the row (another connection's commit empties them, see `lists`; a failed write, `forget`).
 * Keys a look-up found absent are held as empty lists. Copy keys shared that widely —
 * syndicated passages, stock phrases — are the ones every new copy looks up. Held lists cost
 * heap: 100,000 copy-key and 40,000 band lists took the 100k bench's peak RSS to 1,515 MB
 * (docs/BENCHMARKS.md, session 9); 50,000 is the size the full-list cache had before.
 */
const CACHED_LISTS = { band_posting: 20_000, copy_posting: 50_000 } as const;
/**
 * Band look-ups before the band keys are loaded into a Bloom filter (KeyFilter). Most band
 * keys of a new article are held by no one (on the 100k bench ~13 of 16), and the filter
 * answers those without a B-tree search; loading it reads every band key once, which a
 * small ingest into a large store should not pay for.
 */
export const BAND_FILTER_AFTER_LOOKUPS = 2_000;

/** One posting table: its name, list cap, append statement and the lists held in memory. */
interface PostingTable {
  name: 'band_posting' | 'copy_posting';
  cap: number;
  append: Statement;
  /** key → its list as stored (empty: no row). */
  held: RecentCache<number, number[]>;
}

export class Postings {
  private readonly band: PostingTable;
  private readonly copy: PostingTable;
  private readonly lookups = new Map<string, Statement>();
  private readonly tally = new RowidTally();
  /** Every band key stored (maybe more), once loaded; see BAND_FILTER_AFTER_LOOKUPS. */
  private bandFilter: KeyFilter | null = null;
  /** data_version when the filter was loaded: another connection's commit makes it stale. */
  private bandFilterVersion = -1;
  private bandLookups = 0;
  private readonly dataVersion: Statement;
  /** data_version the held lists are current for. */
  private heldVersion = -1;

  constructor(
    private readonly db: DatabaseHandle,
    private readonly options: { bandFilterAfterLookups?: number } = {},
  ) {
    const table = (name: PostingTable['name'], cap: number): PostingTable => ({ name, cap, append: appendStatement(db, name, cap), held: new RecentCache(CACHED_LISTS[name]) });
    this.band = table('band_posting', MAX_POSTINGS_PER_BAND);
    this.copy = table('copy_posting', MAX_POSTINGS_PER_COPY_KEY);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * The band keys that may be stored: all of them until the filter is loaded. A key this
   * connection added is in the filter (add() puts it there); one another connection added
   * changes data_version, and the filter is loaded again.
   */
  private mayHoldBands(keys: number[]): number[] {
    if (++this.bandLookups < (this.options.bandFilterAfterLookups ?? BAND_FILTER_AFTER_LOOKUPS)) return keys;
    const version = this.dataVersion.get() as number;
    if (this.bandFilter === null || version !== this.bandFilterVersion) {
      const filter = new KeyFilter();
      for (const key of this.db.prepare('SELECT key FROM band_posting').pluck().iterate() as Iterable<number>) filter.add(key);
      this.bandFilter = filter;
      this.bandFilterVersion = version;
    }
    const filter = this.bandFilter;
    return keys.filter((key) => filter.mightHold(key));
  }

  /** Whether band look-ups go through the filter yet (tests). */
  get bandFilterLoaded(): boolean {
    return this.bandFilter !== null;
  }

  /**
   * Forgets the lists held in memory: after a write failed (its appends to held lists may
   * have been rolled back in the table).
   */
  forget(): void {
    this.band.held.clear();
    this.copy.held.clear();
  }

  /**
   * Appends a batch of new articles (rowids ascending) to the lists of their keys. Call inside
   * the batch transaction (and `forget` if it fails). One append per key and batch, in key
   * order: the B-tree is walked once from left to right instead of jumping to a random page
   * for every key of every article. A key whose list is known to be full is skipped; a held
   * list gets the appends too.
   */
  addBatch(articles: ReadonlyArray<{ rowid: number; bandKeys: readonly string[]; copyKeys: readonly string[] }>): void {
    const band = new Map<number, number[]>();
    const copy = new Map<number, number[]>();
    const collect = (into: Map<number, number[]>, key: number, rowid: number) => {
      const list = into.get(key);
      if (list === undefined) into.set(key, [rowid]);
      else if (list[list.length - 1] !== rowid) list.push(rowid);
    };
    for (const { rowid, bandKeys, copyKeys } of articles) {
      for (const key of bandKeys) {
        const id = bandKeyId(key);
        this.bandFilter?.add(id);
        collect(band, id, rowid);
      }
      for (const key of copyKeys) collect(copy, copyKeyId(key), rowid);
    }
    for (const [table, lists] of [[this.band, band], [this.copy, copy]] as const) {
      for (const key of [...lists.keys()].sort((a, b) => a - b)) {
        const held = table.held.get(key);
        const room = table.cap - (held?.length ?? 0);
        if (room <= 0) continue;
        const rowids = lists.get(key)!;
        const appended = rowids.length > room ? rowids.slice(0, room) : rowids;
        table.append.run(key, encodeRowids(appended));
        if (held) for (const rowid of appended) held.push(rowid);
      }
    }
  }

  /** Rowids under any of the band keys (distinct). */
  bandHolders(bandKeys: string[]): number[] {
    const out = new Set<number>();
    for (const [, list] of this.lists(this.band, this.mayHoldBands([...new Set(bandKeys.map(bandKeyId))]))) for (const rowid of list) out.add(rowid);
    return [...out];
  }

  /**
   * For each article holding any of the copy keys: how many of the keys it holds; and for
   * each key held, how many articles hold it (the list length, at most the cap).
   */
  copyKeyHits(copyKeys: string[]): { hits: KeyHits; holders: Map<string, number> } {
    const holders = new Map<string, number>();
    const keyOf = new Map<number, string>();
    for (const key of copyKeys) keyOf.set(copyKeyId(key), key);
    const lists = this.lists(this.copy, [...keyOf.keys()]);
    let total = 0;
    for (const [, list] of lists) total += list.length;
    this.tally.start(total);
    for (const [id, list] of lists) {
      holders.set(keyOf.get(id)!, list.length);
      for (let i = 0; i < list.length; i++) this.tally.add(list[i]);
    }
    return { hits: this.tally.result(), holders };
  }

  /**
   * The lists of `keys` (absent keys give none): held ones from memory, the others read and
   * held. Reads happen between batches: they see committed batches, or batches of an open
   * write group, which only a failed write can take back (the store then calls forget()).
   */
  private lists(table: PostingTable, keys: number[]): Array<[key: number, rowids: number[]]> {
    const version = this.dataVersion.get() as number;
    if (version !== this.heldVersion) {
      // Another connection committed: its appends are not in the held lists.
      this.forget();
      this.heldVersion = version;
    }
    const { held } = table;
    const out: Array<[number, number[]]> = [];
    const toRead: number[] = [];
    for (const key of keys) {
      const list = held.get(key);
      if (list === undefined) toRead.push(key);
      else if (list.length > 0) out.push([key, list]);
    }
    for (let i = 0; i < toRead.length; i += 500) {
      const part = toRead.slice(i, i + 500);
      const sql = `SELECT key, rowids FROM ${table.name} WHERE key IN (${part.map(() => '?').join(',')})`;
      let statement = this.lookups.get(sql);
      if (!statement) this.lookups.set(sql, (statement = this.db.prepare(sql)));
      const found = new Set<number>();
      for (const row of statement.all(...part) as Array<{ key: number; rowids: Uint8Array }>) {
        const list = decodeRowids(row.rowids);
        out.push([row.key, list]);
        held.set(row.key, list);
        found.add(row.key);
      }
      for (const key of part) if (!found.has(key)) held.set(key, []);
    }
    return out;
  }
}

/**
 * Migration from the one-row-per-posting tables of schema v1/v2: the same postings, in
 * rowid order (first holders first), capped as the new tables are.
 */
export function migrateToPackedPostings(db: DatabaseHandle): void {
  db.exec(POSTINGS_SCHEMA);
  const copy = (select: string, toKey: (key: string) => number, table: string, cap: number) => {
    const lists = new Map<number, number[]>();
    for (const row of db.prepare(select).iterate() as Iterable<{ key: string; rowid: number }>) {
      const key = toKey(row.key);
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      if (list.length < cap && !list.includes(row.rowid)) list.push(row.rowid);
    }
    const insert = db.prepare(`INSERT INTO ${table} (key, rowids) VALUES (?, ?)`);
    for (const [key, list] of lists) insert.run(key, encodeRowids(list));
  };
  copy('SELECT band_key AS key, article_rowid AS rowid FROM near_duplicate_band ORDER BY article_rowid', bandKeyId, 'band_posting', MAX_POSTINGS_PER_BAND);
  copy('SELECT key, article_rowid AS rowid FROM copy_key ORDER BY article_rowid', copyKeyId, 'copy_posting', MAX_POSTINGS_PER_COPY_KEY);
  db.exec('DROP TABLE near_duplicate_band; DROP TABLE copy_key;');
}
