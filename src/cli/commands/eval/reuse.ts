/**
 * `storyline eval reuse --dir <clough-stevenson>`: how well the reused share of an answer
 * (compareForCopy against its task's source text) separates answers written from the source
 * (cut / light / heavy revision) from answers written independently (non).
 *
 * Reports ROC AUC of `shareOfA`, the confusion of the production decision (isCopy), the
 * confusion at the share threshold with the best accuracy, and the share per category.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { canonicalise, compareForCopy, initCopyDetection } from '../../../dedup/copies.ts';

export interface ReuseItem {
  file: string;
  task: string;
  category: string;
  share: number;
  isCopy: boolean;
}

export interface ReuseReport {
  items: ReuseItem[];
  auc: number;
  decision: Confusion;
  bestThreshold: { threshold: number; confusion: Confusion };
  byCategory: Record<string, { count: number; meanShare: number; flagged: number }>;
  errors: string[];
}

export interface Confusion {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
}

const isReused = (category: string) => category !== 'non';

/** Probability that a random reused answer scores above a random independent one (ties count half). */
export function rocAuc(scores: Array<{ score: number; positive: boolean }>): number {
  const pos = scores.filter((s) => s.positive).map((s) => s.score);
  const neg = scores.filter((s) => !s.positive).map((s) => s.score);
  if (pos.length === 0 || neg.length === 0) return NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

function confusion(items: ReuseItem[], predict: (item: ReuseItem) => boolean): Confusion {
  const c: Confusion = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
  for (const item of items) {
    const actual = isReused(item.category);
    const predicted = predict(item);
    if (actual && predicted) c.truePositive++;
    else if (!actual && predicted) c.falsePositive++;
    else if (!actual) c.trueNegative++;
    else c.falseNegative++;
  }
  return c;
}

/** Reads file_information.csv and the texts; a file that cannot be read is reported, the rest go on. */
export function evaluateReuse(dir: string): ReuseReport {
  const info = parse(readFileSync(path.join(dir, 'file_information.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const sources = new Map<string, ReturnType<typeof canonicalise>>();
  const items: ReuseItem[] = [];
  const errors: string[] = [];
  for (const [i, row] of info.entries()) {
    const file = row.File;
    const task = row.Task;
    const category = row.Category;
    if (category === 'orig') continue;
    try {
      let source = sources.get(task);
      if (!source) {
        source = canonicalise(readFileSync(path.join(dir, `orig_task${task}.txt`), 'utf8'));
        sources.set(task, source);
      }
      const answer = canonicalise(readFileSync(path.join(dir, file), 'utf8'));
      const decision = compareForCopy(answer, source);
      items.push({ file, task, category, share: decision.shareOfA, isCopy: decision.isCopy });
    } catch (err) {
      errors.push(`${path.join(dir, 'file_information.csv')}:${i + 2}: ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const auc = rocAuc(items.map((it) => ({ score: it.share, positive: isReused(it.category) })));
  const thresholds = [...new Set(items.map((it) => it.share))].sort((a, b) => a - b);
  let best = { threshold: 0, confusion: confusion(items, () => true) };
  const accuracy = (c: Confusion) => c.truePositive + c.trueNegative;
  for (const t of thresholds) {
    const c = confusion(items, (it) => it.share >= t);
    if (accuracy(c) > accuracy(best.confusion)) best = { threshold: t, confusion: c };
  }
  const byCategory: ReuseReport['byCategory'] = {};
  for (const it of items) {
    const entry = (byCategory[it.category] ??= { count: 0, meanShare: 0, flagged: 0 });
    entry.count++;
    entry.meanShare += it.share;
    if (it.isCopy) entry.flagged++;
  }
  for (const entry of Object.values(byCategory)) entry.meanShare /= entry.count;
  return { items, auc, decision: confusion(items, (it) => it.isCopy), bestThreshold: best, byCategory, errors };
}

function formatConfusion(c: Confusion): string {
  return `reused→flagged ${c.truePositive}, reused→missed ${c.falseNegative}, non→flagged ${c.falsePositive}, non→clear ${c.trueNegative}`;
}

export function formatReuseReport(r: ReuseReport): string {
  const lines = [
    `answers ${r.items.length}`,
    `ROC AUC of share (cut/light/heavy vs non): ${r.auc.toFixed(4)}`,
    `decision (isCopy): ${formatConfusion(r.decision)}`,
    `best share threshold ${r.bestThreshold.threshold.toFixed(3)}: ${formatConfusion(r.bestThreshold.confusion)}`,
    'by category (mean share, flagged by isCopy):',
  ];
  for (const cat of ['cut', 'light', 'heavy', 'non']) {
    const e = r.byCategory[cat];
    if (e) lines.push(`  ${cat.padEnd(6)} n=${e.count}  share ${e.meanShare.toFixed(3)}  flagged ${e.flagged}/${e.count}`);
  }
  for (const e of r.errors) lines.push(`error: ${e}`);
  return lines.join('\n');
}

export function register(evalCommand: Command): void {
  evalCommand
    .command('reuse')
    .description('Text reuse: share of each answer reused from its source (Clough & Stevenson corpus)')
    .requiredOption('--dir <dir>', 'corpus folder with file_information.csv and orig_task*.txt')
    .option('--json', 'print the full report as JSON')
    .action(async (options: { dir: string; json?: boolean }) => {
      await initCopyDetection();
      const report = evaluateReuse(options.dir);
      process.stdout.write((options.json ? JSON.stringify(report, null, 2) : formatReuseReport(report)) + '\n');
      if (report.errors.length) process.exitCode = 1;
    });
}
