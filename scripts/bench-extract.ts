/**
 * Times our extractor against plain Readability on linkedom over the same pages in the
 * same process: all pages are decompressed into memory first, both extractors warm up
 * once, then each round runs both on every page, page by page, alternating which goes
 * first. We report the median over rounds of pages/second for each, by wall clock and by
 * process CPU time (steadier when other processes share the machine), and their ratios.
 *
 *   npm run bench:extract -- [--html-dir DIR] [--rounds N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/index.ts';
import { readabilityBaselineText } from '../src/extract/evaluation/readability-baseline.ts';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const htmlDir = argument('--html-dir', join(import.meta.dirname, '../../shared/data/extraction/zyte-aeb/html'));
const rounds = Number(argument('--rounds', '5'));

const pages = readdirSync(htmlDir)
  .filter((name) => /\.html?(\.gz)?$/.test(name))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(htmlDir, name));
    return name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  });

type Extractor = (html: string) => unknown;
const ours: Extractor = (html) => {
  try {
    return extractArticle(html).text;
  } catch {
    return '';
  }
};
const baseline: Extractor = (html) => readabilityBaselineText(html);

interface Clock {
  wall: number;
  cpu: number;
}

/** Wall-clock and process CPU seconds of one call (CPU time is steadier on a shared machine). */
function timeCall(extract: Extractor, html: string, into: Clock): void {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  extract(html);
  into.wall += Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  into.cpu += (cpu.user + cpu.system) / 1e6;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Warm up: JIT, lazy module state (language model, regexes).
for (const html of pages) {
  ours(html);
  baseline(html);
}

const rate = { ours: { wall: [] as number[], cpu: [] as number[] }, readability: { wall: [] as number[], cpu: [] as number[] } };
for (let round = 0; round < rounds; round++) {
  const oursClock: Clock = { wall: 0, cpu: 0 };
  const baselineClock: Clock = { wall: 0, cpu: 0 };
  // Interleaved page by page, alternating which extractor goes first, so load from other
  // processes and GC debt fall on both alike.
  pages.forEach((html, index) => {
    if ((index + round) % 2 === 0) {
      timeCall(ours, html, oursClock);
      timeCall(baseline, html, baselineClock);
    } else {
      timeCall(baseline, html, baselineClock);
      timeCall(ours, html, oursClock);
    }
  });
  rate.ours.wall.push(pages.length / oursClock.wall);
  rate.ours.cpu.push(pages.length / oursClock.cpu);
  rate.readability.wall.push(pages.length / baselineClock.wall);
  rate.readability.cpu.push(pages.length / baselineClock.cpu);
  process.stderr.write(
    `round ${round + 1}/${rounds}: ours ${rate.ours.wall[round].toFixed(1)} p/s wall, ${rate.ours.cpu[round].toFixed(1)} p/s cpu; ` +
      `readability ${rate.readability.wall[round].toFixed(1)} p/s wall, ${rate.readability.cpu[round].toFixed(1)} p/s cpu\n`,
  );
}

const summary = (values: number[]): number => Number(median(values).toFixed(1));
const ratioRange = (ours: number[], readability: number[]): [number, number] => {
  const ratios = ours.map((value, i) => value / readability[i]);
  return [Number(Math.min(...ratios).toFixed(2)), Number(Math.max(...ratios).toFixed(2))];
};
const result = {
  pages: pages.length,
  rounds,
  wallClock: {
    oursPagesPerSecond: summary(rate.ours.wall),
    readabilityPagesPerSecond: summary(rate.readability.wall),
    ratio: Number((median(rate.ours.wall) / median(rate.readability.wall)).toFixed(2)),
    ratioRangeOverRounds: ratioRange(rate.ours.wall, rate.readability.wall),
  },
  cpuTime: {
    oursPagesPerSecond: summary(rate.ours.cpu),
    readabilityPagesPerSecond: summary(rate.readability.cpu),
    ratio: Number((median(rate.ours.cpu) / median(rate.readability.cpu)).toFixed(2)),
    ratioRangeOverRounds: ratioRange(rate.ours.cpu, rate.readability.cpu),
  },
};
console.log(JSON.stringify(result, null, 2));
