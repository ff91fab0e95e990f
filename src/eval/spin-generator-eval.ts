/**
 * Runs the copy-detection pipeline over a generated copy set (spin-generator.ts) and scores
 * it. The pipeline under test is only what ingest will run: copyCandidateKeys into an
 * in-memory inverted index, compareForCopy on each candidate pair, copyDirection on each
 * copy found. Articles arrive in the set's (shuffled) order, each compared only with those
 * already indexed, as a stream would.
 */
import { FLAG_QUOTED, canonicalise, writtenWords, type CanonicalText } from '../dedup/canonical.ts';
import { copyCandidateKeys } from '../dedup/copies-keys.ts';
import { CopyCandidateIndex } from '../dedup/copies-index.ts';
import { compareForCopy, copyDirection, parsePublished, type CopyDecision } from '../dedup/copies.ts';
import type { GeneratedArticle } from './spin-generator.ts';

export interface DetectedLink {
  copyId: string;
  sourceId: string;
  share: number;
  spun: boolean;
}

export interface CopyEvalReport {
  articles: number;
  generatedCopies: number;
  meanKeysPerArticle: number;
  meanCandidatesPerArticle: number;
  /** Mean wall-clock milliseconds per article for canonicalise + keys + lookup + comparisons. */
  msPerArticle: number;
  /** The same in CPU time of this process (less sensitive to other load on the machine). */
  cpuMsPerArticle: number;
  /** Recall per bucket: "spun 10%" … "partial", "exact". */
  recall: Record<string, { found: number; total: number }>;
  /** Same-event originals from different publishers (all, flagged). */
  sameEventPairs: number;
  sameEventFlagged: number;
  /** … of which share unquoted prose verbatim (WIRE_REUSE_RUN words): real reuse, reported apart. */
  wireReusePairs: number;
  wireReuseFlagged: number;
  /** Hard negatives: same-event originals from different publishers without such a run. */
  hardNegativePairs: number;
  hardNegativeFalseLinks: number;
  /** Other flagged pairs whose originals share unquoted prose verbatim (any event), copies inheriting it included. */
  inheritedWireLinks: number;
  /** Flagged pairs that are none of the above (different events, or a copy and an unrelated article). */
  otherFalseLinks: number;
  direction: { right: number; total: number; byTiming: Record<string, { right: number; total: number }> };
  /** Found copies whose decision says spun: spun copies (should be) and partial/exact ones (should not). */
  spunFlag: { spunFlagged: number; spunFound: number; plainFlagged: number; plainFound: number };
  /** Mean |share − true reused fraction| of the copy, over found copies. */
  shareError: { sum: number; count: number; byKind: Record<string, { sum: number; count: number }> };
  falseLinkExamples: Array<{ a: string; b: string; shareOfA: number; shareOfB: number; evidenceTokens: number }>;
  missedExamples: Array<{ copyId: string; bucket: string; candidate: boolean; shareOfA?: number; evidenceTokens?: number }>;
}

/**
 * Longest run of identical words outside quotation marks that two texts share. Independent
 * of the detector's synonym folding and thresholds: two articles sharing 15 words of
 * unquoted prose word for word both took them from somewhere (usually a wire story), which
 * the event gold cannot tell, so such pairs are reported apart from the hard negatives.
 */
export function longestVerbatimRun(a: CanonicalText, b: CanonicalText): number {
  const K = 4;
  const aWords = writtenWords(a);
  const bWords = writtenWords(b);
  const positions = new Map<string, number[]>();
  for (let j = 0; j + K <= bWords.length; j++) {
    const key = bWords.slice(j, j + K).join(' ');
    const list = positions.get(key);
    if (!list) positions.set(key, [j]);
    else if (list.length < 8) list.push(j);
  }
  let best = 0;
  for (let i = 0; i + K <= aWords.length; i++) {
    for (const j of positions.get(aWords.slice(i, i + K).join(' ')) ?? []) {
      if (i > 0 && j > 0 && aWords[i - 1] === bWords[j - 1]) continue; // not a run start
      let n = 0;
      while (i + n < aWords.length && j + n < bWords.length && aWords[i + n] === bWords[j + n] && ((a.flags[i + n] | b.flags[j + n]) & FLAG_QUOTED) === 0) n++;
      best = Math.max(best, n);
    }
  }
  return best;
}

/** Unquoted verbatim run that marks two originals as sharing a source text. */
export const WIRE_REUSE_RUN = 15;

const pairKey = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

function bucketOf(a: GeneratedArticle): string {
  const copy = a.copy!;
  if (copy.kind === 'spun') return `spun ${Math.round((copy.substitutionRate ?? 0) * 100)}%`;
  return copy.kind;
}

export function evaluateCopySet(set: GeneratedArticle[]): CopyEvalReport {
  const byId = new Map(set.map((a) => [a.id, a]));
  const index = new CopyCandidateIndex();
  const canon = new Map<string, CanonicalText>();
  const flagged = new Map<string, { decision: CopyDecision; a: string; b: string }>();
  const candidatePairs = new Set<string>();
  let keyTotal = 0;
  let candidateTotal = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const article of set) {
    const c = canonicalise(article.text);
    canon.set(article.id, c);
    const keys = copyCandidateKeys(c);
    keyTotal += keys.length;
    const candidates = index.candidates(keys);
    candidateTotal += candidates.length;
    for (const { id } of candidates) {
      candidatePairs.add(pairKey(article.id, id));
      const decision = compareForCopy(c, canon.get(id)!);
      if (decision.isCopy) flagged.set(pairKey(article.id, id), { decision, a: article.id, b: id });
    }
    index.add(article.id, keys);
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);

  const report: CopyEvalReport = {
    articles: set.length,
    generatedCopies: set.filter((a) => a.copy).length,
    meanKeysPerArticle: keyTotal / set.length,
    meanCandidatesPerArticle: candidateTotal / set.length,
    msPerArticle: elapsed / set.length,
    cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / set.length,
    recall: {},
    sameEventPairs: 0,
    sameEventFlagged: 0,
    wireReusePairs: 0,
    wireReuseFlagged: 0,
    hardNegativePairs: 0,
    hardNegativeFalseLinks: 0,
    inheritedWireLinks: 0,
    otherFalseLinks: 0,
    direction: { right: 0, total: 0, byTiming: {} },
    shareError: { sum: 0, count: 0, byKind: {} },
    spunFlag: { spunFlagged: 0, spunFound: 0, plainFlagged: 0, plainFound: 0 },
    falseLinkExamples: [],
    missedExamples: [],
  };

  const truePairs = new Set<string>();
  for (const article of set) {
    if (!article.copy) continue;
    const key = pairKey(article.id, article.copy.sourceId);
    truePairs.add(key);
    const bucket = bucketOf(article);
    const r = (report.recall[bucket] ??= { found: 0, total: 0 });
    r.total++;
    const hit = flagged.get(key);
    if (!hit) {
      const source = byId.get(article.copy.sourceId)!;
      const d = compareForCopy(canon.get(article.id)!, canon.get(source.id)!);
      report.missedExamples.push({ copyId: article.id, bucket, candidate: candidatePairs.has(key), shareOfA: d.shareOfA, evidenceTokens: d.evidenceTokens });
      continue;
    }
    r.found++;
    if (article.copy.kind === 'spun') {
      report.spunFlag.spunFound++;
      if (hit.decision.spun) report.spunFlag.spunFlagged++;
    } else {
      report.spunFlag.plainFound++;
      if (hit.decision.spun) report.spunFlag.plainFlagged++;
    }
    const copyIsA = hit.a === article.id;
    const share = copyIsA ? hit.decision.shareOfA : hit.decision.shareOfB;
    report.shareError.sum += Math.abs(share - article.copy.reusedFraction);
    report.shareError.count++;
    const byKind = (report.shareError.byKind[article.copy.kind] ??= { sum: 0, count: 0 });
    byKind.sum += Math.abs(share - article.copy.reusedFraction);
    byKind.count++;

    // Direction: exact duplicates without distinct times carry no evidence either way.
    const source = byId.get(article.copy.sourceId)!;
    const timingBucket = `${article.copy.kind}/${article.copy.timing}`;
    const x = { published: parsePublished(article.published), text: article.text, canonical: canon.get(article.id)! };
    const y = { published: parsePublished(source.published), text: source.text, canonical: canon.get(source.id)! };
    const decision = copyIsA ? hit.decision : compareForCopy(x.canonical, y.canonical);
    const right = copyDirection(x, y, decision) === 'a-from-b';
    const t = (report.direction.byTiming[timingBucket] ??= { right: 0, total: 0 });
    t.total++;
    if (right) t.right++;
    if (article.copy.kind === 'exact' && article.copy.timing !== 'later') continue;
    report.direction.total++;
    if (right) report.direction.right++;
  }

  // Hard negatives: original articles of one event from different publishers.
  const originals = set.filter((a) => !a.copy);
  const wireRelated = new Set<string>();
  for (let i = 0; i < originals.length; i++) {
    for (let j = i + 1; j < originals.length; j++) {
      const x = originals[i];
      const y = originals[j];
      if (!x.event || x.event !== y.event || x.source === y.source) continue;
      report.sameEventPairs++;
      const hit = flagged.get(pairKey(x.id, y.id));
      if (hit) report.sameEventFlagged++;
      if (longestVerbatimRun(canon.get(x.id)!, canon.get(y.id)!) >= WIRE_REUSE_RUN) {
        wireRelated.add(pairKey(x.id, y.id));
        report.wireReusePairs++;
        if (hit) report.wireReuseFlagged++;
        continue;
      }
      report.hardNegativePairs++;
      if (hit) {
        report.hardNegativeFalseLinks++;
        report.falseLinkExamples.push({ a: hit.a, b: hit.b, shareOfA: hit.decision.shareOfA, shareOfB: hit.decision.shareOfB, evidenceTokens: hit.decision.evidenceTokens });
      }
    }
  }
  const rootOf = (a: GeneratedArticle) => a.copy?.sourceId ?? a.id;
  for (const [key, hit] of flagged) {
    if (truePairs.has(key)) continue;
    const x = byId.get(hit.a)!;
    const y = byId.get(hit.b)!;
    if (!x.copy && !y.copy && x.event === y.event && x.source !== y.source) continue; // counted above
    const rx = rootOf(x);
    const ry = rootOf(y);
    const rootKey = pairKey(rx, ry);
    if (rx === ry || wireRelated.has(rootKey) || longestVerbatimRun(canon.get(rx)!, canon.get(ry)!) >= WIRE_REUSE_RUN) {
      wireRelated.add(rootKey);
      report.inheritedWireLinks++;
      continue;
    }
    report.otherFalseLinks++;
    if (report.falseLinkExamples.length < 20) report.falseLinkExamples.push({ a: hit.a, b: hit.b, shareOfA: hit.decision.shareOfA, shareOfB: hit.decision.shareOfB, evidenceTokens: hit.decision.evidenceTokens });
  }
  return report;
}

export function formatCopyEvalReport(r: CopyEvalReport): string {
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(2) + '%' : 'n/a');
  const lines: string[] = [];
  lines.push(`articles ${r.articles} (generated copies ${r.generatedCopies})`);
  lines.push(`keys/article ${r.meanKeysPerArticle.toFixed(1)}  candidates/article ${r.meanCandidatesPerArticle.toFixed(2)}  ${r.msPerArticle.toFixed(3)} ms/article wall, ${r.cpuMsPerArticle.toFixed(3)} ms CPU`);
  lines.push('recall:');
  for (const [bucket, v] of Object.entries(r.recall).sort()) lines.push(`  ${bucket.padEnd(10)} ${v.found}/${v.total}  ${pct(v.found, v.total)}`);
  lines.push(`same-event originals from different publishers: flagged ${r.sameEventFlagged}/${r.sameEventPairs}  ${pct(r.sameEventFlagged, r.sameEventPairs)}`);
  lines.push(`  sharing ≥${WIRE_REUSE_RUN} unquoted words verbatim (wire reuse): flagged ${r.wireReuseFlagged}/${r.wireReusePairs}`);
  lines.push(`  hard negatives (no such run): false links ${r.hardNegativeFalseLinks}/${r.hardNegativePairs}  ${pct(r.hardNegativeFalseLinks, r.hardNegativePairs)}`);
  lines.push(`other flagged pairs whose originals share ≥${WIRE_REUSE_RUN} unquoted words verbatim: ${r.inheritedWireLinks}`);
  lines.push(`other false links (different events, unrelated articles): ${r.otherFalseLinks}`);
  lines.push(`direction right: ${r.direction.right}/${r.direction.total}  ${pct(r.direction.right, r.direction.total)} (exact duplicates without a later time excluded)`);
  for (const [k, v] of Object.entries(r.direction.byTiming).sort()) lines.push(`  ${k.padEnd(18)} ${v.right}/${v.total}`);
  const f = r.spunFlag;
  lines.push(`spun flag: spun copies ${f.spunFlagged}/${f.spunFound}, partial/exact copies ${f.plainFlagged}/${f.plainFound}`);
  lines.push(`share error (mean |share − true|): ${(r.shareError.sum / Math.max(1, r.shareError.count)).toFixed(3)}`);
  for (const [k, v] of Object.entries(r.shareError.byKind).sort()) lines.push(`  ${k.padEnd(8)} ${(v.sum / Math.max(1, v.count)).toFixed(3)} over ${v.count}`);
  return lines.join('\n');
}

export interface ThroughputReport {
  /** CPU milliseconds per article, caches warm (a second pass over the set). */
  canonicalise: number;
  keys: number;
  lookup: number;
  compare: number;
  comparesPerArticle: number;
  total: number;
  /**
   * The same machine's cost of the least any text stage does (regex word scan plus one Map
   * look-up per word), to read the figures above on a busy machine.
   */
  baselineScan: number;
}

const cpuMs = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

/** Steady-state cost per article of the copy pipeline, measured in CPU time. */
export function measureThroughput(set: GeneratedArticle[]): ThroughputReport {
  // Warm the word caches first, as a long-running ingest has them.
  for (const a of set) canonicalise(a.text);
  const index = new CopyCandidateIndex();
  const canon = new Map<string, CanonicalText>();
  let tCanon = 0;
  let tKeys = 0;
  let tLookup = 0;
  let tCompare = 0;
  let compares = 0;
  for (const a of set) {
    let t = process.cpuUsage();
    const c = canonicalise(a.text);
    tCanon += cpuMs(t);
    canon.set(a.id, c);
    t = process.cpuUsage();
    const keys = copyCandidateKeys(c);
    tKeys += cpuMs(t);
    t = process.cpuUsage();
    const candidates = index.candidates(keys);
    tLookup += cpuMs(t);
    t = process.cpuUsage();
    for (const { id } of candidates) compareForCopy(c, canon.get(id)!);
    tCompare += cpuMs(t);
    compares += candidates.length;
    index.add(a.id, keys);
  }
  const seen = new Map<string, number>();
  const t = process.cpuUsage();
  for (const a of set) {
    const re = /[\p{L}\p{N}]+/gu;
    for (let m = re.exec(a.text); m; m = re.exec(a.text)) seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
  }
  const baseline = cpuMs(t);
  const n = set.length;
  return {
    canonicalise: tCanon / n,
    keys: tKeys / n,
    lookup: tLookup / n,
    compare: tCompare / n,
    comparesPerArticle: compares / n,
    total: (tCanon + tKeys + tLookup + tCompare) / n,
    baselineScan: baseline / n,
  };
}

export function formatThroughput(t: ThroughputReport): string {
  return (
    `warm CPU ms/article: canonicalise ${t.canonicalise.toFixed(3)}, keys ${t.keys.toFixed(3)}, index look-up ${t.lookup.toFixed(3)}, ` +
    `compare ${t.compare.toFixed(3)} (${t.comparesPerArticle.toFixed(2)} pairs), total ${t.total.toFixed(3)}; ` +
    `baseline word scan ${t.baselineScan.toFixed(3)}`
  );
}
