/**
 * `npm run bench:fast-paths`: reproduces the figures behind the shortcuts on the ingest hot
 * path (docs/BENCHMARKS.md, sessions 3 to 5), each against the slower way it replaced:
 * - language id on the first DETECTION_SAMPLE_CHARS characters instead of 600: agreement and
 *   cost; and the English fast path (isClearlyEnglish) against eld;
 * - the tagger's O-only tokens (outsideOnlyMask) on CoNLL dev: share skipped, gold entity
 *   tokens among them;
 * - date rules gated by their trigger literals (TIMEX_TRIGGERS): identical output and cost;
 * - the tagger tokeniser's plain-word path (tokenizeCased) against the token expression alone:
 *   identical tokens and cost, on the bench corpus (when present);
 * - the article tokeniser's scanner (tokenize) against its defining pattern (tokenizeByPattern):
 *   identical tokens, and the cost of tokens plus the clustering's term features on either;
 * - article facets written from the annotation objects instead of by the v3 insert trigger:
 *   insert cost on 10,000 rows of the bench database (when bench-data/bench.db exists); and
 *   the cost of posting those rows' annotations from a worker as objects or as their JSON and
 *   facet rows (serialiseAnnotations);
 * - prepare-worker steps: cluster features numbered as they are built, the content key, line
 *   keys hashed while scanning (session 8), each against the way it replaced;
 * - date rule matches over their triggers' lines (ruleMatches) against each triggered rule run
 *   over the whole text with matchAll (session 9): identical matches and cost;
 * - canonical texts built from a worker's numbered words against canonicalise (session 9):
 *   identical texts, and the cost on each side, on the bench corpus (when present);
 * - the full-text index's pending buffer at schema v6 and v7 (session 10);
 * - Viterbi decoding with the outside-only mask (one score for an O-only token) against
 *   decoding every label, on the bench corpus's sentences (session 12): same labels, cost.
 * Needs ../shared/data.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eld } from 'eld/small';
import { extractTimexes, ruleMatches } from '../src/annotate/dates.ts';
import { TIMEX_RULES, TIMEX_TRIGGERS } from '../src/annotate/timex-grammar.ts';
import { CanonicalWordSpace, WordNumbering, canonicalFromNumbered, canonicalise } from '../src/dedup/canonical.ts';
import { initCopyDetection } from '../src/dedup/copies.ts';
import { parseTimeML } from '../src/annotate/timex-eval.ts';
import { listTimeMLFiles } from '../src/cli/commands/eval/timex.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { DETECTION_SAMPLE_CHARS, isClearlyEnglish, languageSample } from '../src/text/language.ts';
import { parseConll } from '../src/annotate/ner/conll.ts';
import { outsideOnlyMask, sequenceMode, wordInfo, WordMode } from '../src/annotate/ner/features.ts';
import { splitSentences as splitTaggerSentences, tokenizeCased } from '../src/annotate/ner/tokenize.ts';
import { defaultNerModel } from '../src/annotate/ner/index.ts';
import { viterbi } from '../src/annotate/ner/decode.ts';
import { splitSentences, tokenize, tokenizeByPattern, type Token } from '../src/text/tokens.ts';
import { articleFeatures, DEFAULT_CLUSTER_PARAMS } from '../src/cluster/features.ts';
import { TermNumbers } from '../src/cluster/term-numbers.ts';
import { contentKey, normaliseText } from '../src/text/normalise.ts';
import { boilerplateLineHash, boilerplateLineKeys, normaliseLine } from '../src/dedup/boilerplate.ts';
import type { Annotations } from '../src/types.ts';
import { serialiseAnnotations } from '../src/store/facets.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const BENCH_DB = path.resolve(import.meta.dirname, '../bench-data/bench.db');
/** The bench corpus (`npm run bench -- --articles 5000` writes it), used when present. */
const BENCH_CORPUS = path.resolve(import.meta.dirname, '../bench-data/corpus-5000.jsonl');
const benchRecords = fs.existsSync(BENCH_CORPUS) ? fs.readFileSync(BENCH_CORPUS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; published?: string }) : [];

/** A new database at `file` (any earlier one removed) with the schema up to `version`, set up as the store sets it. */
function scratchDatabase(file: string, version: number): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    m.run?.(db);
  }
  return db;
}

function msPer(items: number, run: () => void): number {
  run(); // warm-up
  const started = performance.now();
  run();
  return (performance.now() - started) / items;
}

// Language: long texts of two public sets.
const truth = JSON.parse(fs.readFileSync(path.join(DATA, 'extraction/zyte-aeb/ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
const news = fs.readFileSync(path.join(DATA, 'clustering/news_cluster.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
const texts = [...Object.values(truth).map((r) => r.articleBody ?? ''), ...news].filter((t) => t && t.length > 700);
const detect = (n: number) => texts.map((t) => eld.detect(t.slice(0, n)).language);
const at600 = detect(600);
console.log(`language: ${texts.length} texts in ${new Set(at600).size} languages, each sample length against 600 characters`);
{
  // The English fast path against eld, on every text long enough to detect: long articles,
  // headlines (mstream) and the bench corpus when present.
  const headlines = fs.readFileSync(path.join(DATA, 'clustering/mstream-news-t.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text?: string; title?: string });
  const all = [...Object.values(truth).map((r) => r.articleBody ?? ''), ...news, ...headlines.map((h) => h.text ?? h.title ?? ''), ...benchRecords.map((r) => r.text)]
    .map(languageSample)
    .filter((t) => t.trim().length >= 40);
  let claimed = 0;
  let disagree = 0;
  for (const sample of all) {
    if (!isClearlyEnglish(sample)) continue;
    claimed++;
    if (eld.detect(sample).language !== 'en') disagree++;
  }
  const english = all.filter((t) => eld.detect(t).language === 'en').length;
  console.log(`  English fast path: ${all.length} samples, eld says English for ${english}; the fast path claims ${claimed}, eld disagrees on ${disagree}`);
}
for (const n of [150, 200, 300, 600]) {
  const disagree = detect(n).filter((l, i) => l !== at600[i]).length;
  console.log(`  ${n} characters (${n === DETECTION_SAMPLE_CHARS ? 'the one used' : 'alternative'}): disagree on ${disagree}, ms per text ${msPer(texts.length, () => detect(n)).toFixed(3)}`);
}

// Tagger: tokens left O without scoring, on CoNLL dev (cased, as tagged).
{
  const { sentences } = parseConll(fs.readFileSync(path.join(DATA, 'ner/conll2003/dev.txt'), 'utf8'));
  let tokens = 0;
  let skipped = 0;
  let entityTokens = 0;
  let entitySkipped = 0;
  for (const { words, tags } of sentences) {
    const mode = sequenceMode({ words, caseless: false });
    const mask = mode === WordMode.Cased ? outsideOnlyMask(words.map((w) => wordInfo(w, mode))) : undefined;
    words.forEach((_, i) => {
      const inEntity = tags[i] !== 'O';
      const isSkipped = mask !== undefined && mask[i] === 1;
      tokens++;
      if (isSkipped) skipped++;
      if (inEntity) entityTokens++;
      if (inEntity && isSkipped) entitySkipped++;
    });
  }
  console.log(`tagger O-only tokens on CoNLL dev: ${skipped} of ${tokens} tokens (${((100 * skipped) / tokens).toFixed(1)}%); gold entity tokens among them ${entitySkipped} of ${entityTokens}`);
}

// Viterbi: tokens the mask rules out for every label but O decoded with one score, against all labels.
if (benchRecords.length) {
  const model = defaultNerModel();
  const sequences: Array<{ emissions: Float64Array; mask: Uint8Array; n: number }> = [];
  for (const { text } of benchRecords.slice(0, 2000)) {
    const tokens = tokenizeCased(text);
    for (const [from, to] of splitTaggerSentences(text, tokens)) {
      const words = tokens.slice(from, to).map((t) => t.text);
      const mode = sequenceMode({ words, caseless: false });
      const mask = mode === WordMode.Cased ? outsideOnlyMask(words.map((w) => wordInfo(w, mode))) : undefined;
      if (words.length === 0 || !mask) continue;
      sequences.push({ emissions: Float64Array.from(model.emissions({ words, caseless: false }, mode)), mask: Uint8Array.from(mask.subarray(0, words.length)), n: words.length });
    }
  }
  const transitions = model.data.transitions;
  const decodeAll = (masked: boolean) => sequences.map(({ emissions, mask, n }) => {
    const out = new Int32Array(n);
    viterbi(emissions, n, transitions, out, masked ? mask : undefined);
    return out;
  });
  const plain = decodeAll(false);
  const same = decodeAll(true).filter((labels, i) => labels.every((y, k) => y === plain[i][k])).length;
  const tokens = sequences.reduce((sum, q) => sum + q.n, 0);
  const masked = sequences.reduce((sum, q) => sum + q.mask.reduce((a, b) => a + b, 0), 0);
  const rounds = [0, 1, 2].map(() => [msPer(tokens / 1000, () => decodeAll(false)), msPer(tokens / 1000, () => decodeAll(true))]);
  console.log(
    `viterbi: ${sequences.length} sentences of 2,000 bench texts, ${tokens} tokens (${((100 * masked) / tokens).toFixed(1)}% outside-only); identical labels on ${same}; ` +
      `ms per 1,000 tokens, every label / masked: ${rounds.map(([a, b]) => `${a.toFixed(3)} / ${b.toFixed(3)}`).join(', ')}`,
  );
}

// Tagger tokeniser: plain ASCII words cut directly, against the token expression for every token.
if (benchRecords.length) {
  const sample = benchRecords.slice(0, 3000).map((r) => r.text);
  const cut = (fastPath: boolean) => sample.map((t) => tokenizeCased(t, { fastPath }));
  const expression = cut(false).map((tokens) => JSON.stringify(tokens));
  const same = cut(true).filter((tokens, i) => JSON.stringify(tokens) === expression[i]).length;
  const fastMs = msPer(sample.length, () => cut(true));
  const regexMs = msPer(sample.length, () => cut(false));
  console.log(`tagger tokeniser: ${sample.length} bench texts, identical tokens on ${same}; ms per text: expression only ${regexMs.toFixed(3)}, plain-word path ${fastMs.toFixed(3)}`);
}

// Article tokeniser: the scanner against the pattern, alone and with the term features after it
// (distinct words share their forms, which keep each word's term key).
if (benchRecords.length) {
  const sample = benchRecords.slice(0, 3000).map((r) => r.text);
  const byPattern = sample.map((t) => JSON.stringify(tokenizeByPattern(t)));
  // The scanner's tokens also carry their word's shared forms: compared on what both give.
  const cut = (tokens: Token[]) => tokens.map(({ text, lower, start, end }) => ({ text, lower, start, end }));
  const same = sample.filter((t, i) => JSON.stringify(cut(tokenize(t))) === byPattern[i]).length;
  const features = (cut: typeof tokenize) => () => {
    for (const text of sample) {
      const bodyTokens = cut(text);
      articleFeatures({ titleTokens: [], bodyTokens, bodySentences: splitSentences(text, bodyTokens), hasCase: true });
    }
  };
  const scanMs = msPer(sample.length, () => sample.forEach((t) => tokenize(t)));
  const patternMs = msPer(sample.length, () => sample.forEach((t) => tokenizeByPattern(t)));
  const scanFeaturesMs = msPer(sample.length, features(tokenize));
  const patternFeaturesMs = msPer(sample.length, features(tokenizeByPattern));
  console.log(
    `article tokeniser: ${sample.length} bench texts, identical tokens on ${same}; ms per text: pattern ${patternMs.toFixed(3)}, scanner ${scanMs.toFixed(3)}; ` +
      `with sentences and term features: pattern ${patternFeaturesMs.toFixed(3)}, scanner ${scanFeaturesMs.toFixed(3)}`,
  );
}

// Prepare-worker steps of session 8, each against the way it replaced (same outputs checked):
// cluster features numbered directly (TermNumbers.features) against term maps numbered after;
// the content key without normaliseText's line steps; line keys hashed while scanning.
if (benchRecords.length) {
  const sample = benchRecords.slice(0, 3000).map((r) => r.text);
  const inputs = sample.map((text) => {
    const bodyTokens = tokenize(text);
    return { titleTokens: [], bodyTokens, bodySentences: splitSentences(text, bodyTokens), hasCase: true };
  });
  const mapsThenNumbers = new TermNumbers();
  const direct = new TermNumbers();
  const mappedMs = msPer(sample.length, () => inputs.forEach((input) => mapsThenNumbers.numberFeatures(articleFeatures(input))));
  const directMs = msPer(sample.length, () => inputs.forEach((input) => direct.features(input, DEFAULT_CLUSTER_PARAMS)));
  const keyByDefinition = (text: string) => normaliseText(text).toLowerCase().replace(/\s+/g, ' ');
  const keysSame = sample.filter((t) => contentKey(t) === keyByDefinition(t)).length;
  const lineKeysByHash = (text: string) => [...new Set(text.split('\n').filter((line) => normaliseLine(line).includes(' ')).map(boilerplateLineHash))];
  const lineKeysSame = sample.filter((t) => JSON.stringify(boilerplateLineKeys(t)) === JSON.stringify(lineKeysByHash(t))).length;
  console.log(
    `worker steps: ${sample.length} bench texts; ms per text: features as term maps then numbered ${mappedMs.toFixed(3)}, numbered directly ${directMs.toFixed(3)}; ` +
      `content key via normaliseText ${msPer(sample.length, () => sample.forEach(keyByDefinition)).toFixed(3)}, direct ${msPer(sample.length, () => sample.forEach(contentKey)).toFixed(3)} (identical on ${keysSame}); ` +
      `line keys from line hashes ${msPer(sample.length, () => sample.forEach(lineKeysByHash)).toFixed(3)}, hashed while scanning ${msPer(sample.length, () => sample.forEach(boilerplateLineKeys)).toFixed(3)} (identical on ${lineKeysSame})`,
  );
}

// Dates: TimeBank + AQUAINT, and the bench corpus when present.
const docs = listTimeMLFiles([path.join(DATA, 'timex')]).map((f) => parseTimeML(fs.readFileSync(f, 'utf8'))).map((d) => ({ text: d.text, published: d.dct }));
for (const r of benchRecords.slice(0, 3000)) docs.push({ text: r.text, published: r.published ?? null });
const runDates = () => docs.map((d) => JSON.stringify(extractTimexes(d.text, { published: d.published })));
const gated = runDates();
const gatedMs = msPer(docs.length, runDates);
// Without triggers: every rule on every text (the table is restored afterwards).
const triggers = TIMEX_TRIGGERS as Record<string, RegExp>;
const saved = { ...triggers };
for (const name of Object.keys(triggers)) delete triggers[name];
const ungated = runDates();
const ungatedMs = msPer(docs.length, runDates);
Object.assign(triggers, saved);
console.log(`dates: ${docs.length} texts; outputs differ on ${gated.filter((g, i) => g !== ungated[i]).length}; ms per text: all rules ${ungatedMs.toFixed(3)}, gated ${gatedMs.toFixed(3)}`);
{
  // The rule matches alone: each rule whose trigger the text holds, run over the whole text
  // with matchAll (session 8), against ruleMatches (its triggers' lines, exec).
  const wholeText = (text: string): string[] => {
    const out: string[] = [];
    for (const rule of TIMEX_RULES) {
      const trigger = TIMEX_TRIGGERS[rule.name];
      if (trigger && !trigger.test(text)) continue;
      for (const m of text.matchAll(rule.pattern)) out.push(`${rule.name} ${m.index} ${m[0]}`);
    }
    return out;
  };
  const byLine = (text: string): string[] => [...ruleMatches(text)].map(({ rule, match }) => `${rule.name} ${match.index} ${match[0]}`);
  const same = docs.filter((d) => JSON.stringify(wholeText(d.text)) === JSON.stringify(byLine(d.text))).length;
  const wholeMs = msPer(docs.length, () => docs.forEach((d) => wholeText(d.text)));
  const lineMs = msPer(docs.length, () => docs.forEach((d) => byLine(d.text)));
  console.log(`date rule matches: identical on ${same} of ${docs.length} texts; ms per text: whole text (matchAll) ${wholeMs.toFixed(3)}, triggers' lines (exec) ${lineMs.toFixed(3)}`);
}

// Canonical texts: canonicalise on the thread detecting copies, against words numbered by a
// worker (WordNumbering) and the text built from the numbers there (canonicalFromNumbered).
if (benchRecords.length > 0) {
  await initCopyDetection();
  const sample = benchRecords.slice(0, 3000).map((r) => r.text);
  const numbering = new WordNumbering();
  const space = new CanonicalWordSpace();
  const numbered = sample.map((t) => numbering.words(t));
  space.extend(numbering.takeNew());
  const shape = (c: ReturnType<typeof canonicalise>) => JSON.stringify([c.entries.map((e) => e.canonical), [...c.starts], [...c.ends], [...c.flags]]);
  const same = sample.filter((t, i) => shape(canonicalise(t)) === shape(canonicalFromNumbered(numbered[i], space))).length;
  const canonicaliseMs = msPer(sample.length, () => sample.forEach((t) => canonicalise(t)));
  const numberMs = msPer(sample.length, () => sample.forEach((t) => numbering.words(t)));
  const buildMs = msPer(sample.length, () => numbered.forEach((n) => canonicalFromNumbered(n, space)));
  console.log(
    `canonical texts: ${sample.length} bench texts, identical on ${same}; ms per text: canonicalise ${canonicaliseMs.toFixed(3)}; ` +
      `numbered on the worker ${numberMs.toFixed(3)}, built from the numbers ${buildMs.toFixed(3)}`,
  );
}

// Full-text index: bench articles written as an ingest writes them (batches of 1,000 as
// savepoints in one open transaction) into the real schema at v6 (FTS5's 1 MiB pending
// buffer) and at v7 (FTS_PENDING_BYTES). Time per article for the article row and its index
// entry, the commit included.
if (benchRecords.length > 0) {
  const scratch = path.join(path.dirname(BENCH_CORPUS), 'fts-scratch.db');
  const measure = (version: number): number => {
    const db = scratchDatabase(scratch, version);
    const insert = db.prepare("INSERT INTO article (id, text, raw, origin, content_hash, ingest_seq) VALUES (?, ?, '{}', '{}', '', ?)");
    const index = db.prepare('INSERT INTO article_fts (rowid, title, text) VALUES (?, ?, ?)');
    const started = performance.now();
    db.exec('BEGIN');
    for (let from = 0; from < benchRecords.length; from += 1000) {
      db.transaction(() => {
        benchRecords.slice(from, from + 1000).forEach((r, i) => {
          const rowid = Number(insert.run(`a${from + i}`, r.text, from + i).lastInsertRowid);
          index.run(rowid, '', r.text);
        });
      })();
    }
    db.exec('COMMIT');
    const ms = (performance.now() - started) / benchRecords.length;
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
    return ms;
  };
  const runs = [6, 7, 6, 7].map((v) => `v${v} ${measure(v).toFixed(3)}`);
  console.log(`full-text index: ${benchRecords.length} bench articles; ms per article (row + index entry, alternating): ${runs.join(', ')}`);
}

// Facets: the v3 trigger against rows written from the annotation objects.
if (!fs.existsSync(BENCH_DB)) {
  console.log('facets: no bench-data/bench.db (run `npm run bench` first)');
} else {
  const source = new Database(BENCH_DB, { readonly: true });
  const rows = source.prepare('SELECT * FROM article ORDER BY rowid LIMIT 10000').all() as Array<Record<string, unknown> & { rowid: number; annotations: string | null }>;
  source.close();
  const scratch = path.join(path.dirname(BENCH_DB), 'facets-scratch.db');
  const measure = (withTrigger: boolean): number => {
    const db = scratchDatabase(scratch, 3);
    if (!withTrigger) db.exec('DROP TRIGGER article_facet_insert');
    const columns = Object.keys(rows[0]);
    const insert = db.prepare(`INSERT INTO article (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`);
    const facet = db.prepare('INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail) VALUES (?, ?, ?, ?)');
    const parsed = rows.map((r) => (r.annotations ? (JSON.parse(r.annotations) as Annotations) : null));
    const started = performance.now();
    db.transaction(() => {
      rows.forEach((row, i) => {
        insert.run(row);
        const a = parsed[i];
        if (withTrigger || !a) return;
        for (const e of a.entities) facet.run('entity', e.canonical, row.rowid, e.type);
        for (const p of a.places) facet.run('place', p.name, row.rowid, p.country ?? null);
      });
    })();
    const ms = (performance.now() - started) / rows.length;
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
    return ms;
  };
  console.log(`facets: ${rows.length} rows; ms per article insert: v3 trigger ${measure(true).toFixed(3)}, rows from the objects ${measure(false).toFixed(3)}`);

  // Annotations from a prepare worker to the ingest thread (structured clone is v8's
  // serializer): as objects, which the ingest thread rebuilds and then turns into JSON for its
  // row, against the JSON and facet rows the worker now posts (src/store/facets.ts).
  const annotations = rows.map((r) => (r.annotations ? (JSON.parse(r.annotations) as Annotations) : null)).filter((a): a is Annotations => a !== null);
  const asObjects = annotations.map((a) => v8.serialize(a));
  const asJson = annotations.map((a) => v8.serialize(serialiseAnnotations(a)));
  const receiveObjects = msPer(annotations.length, () => asObjects.forEach((b) => JSON.stringify(v8.deserialize(b))));
  const receiveJson = msPer(annotations.length, () => asJson.forEach((b) => v8.deserialize(b)));
  const sendObjects = msPer(annotations.length, () => annotations.forEach((a) => v8.serialize(a)));
  const sendJson = msPer(annotations.length, () => annotations.forEach((a) => v8.serialize(serialiseAnnotations(a))));
  console.log(
    `annotations across threads: ${annotations.length} articles; µs per article on the ingest thread: objects rebuilt and serialised ${(receiveObjects * 1000).toFixed(1)}, ` +
      `JSON and facet rows received ${(receiveJson * 1000).toFixed(1)}; on the worker: objects posted ${(sendObjects * 1000).toFixed(1)}, serialised and posted ${(sendJson * 1000).toFixed(1)}`,
  );
}
