/**
 * `storyline eval timex --timeml DIR`: TempEval-3 extent and value scores of our temporal
 * tagger on TimeML files, each document anchored at its own creation time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { extractTimexes } from '../../../annotate/dates.ts';
import {
  EMPTY_COUNTS,
  addCounts,
  parseTimeML,
  scoreDocument,
  timexScores,
  type TimexCounts,
} from '../../../annotate/timex-eval.ts';

interface TimexEvalOptions {
  timeml: string[];
  errors?: boolean;
  chrono: boolean;
  json?: boolean;
}

/** All .tml files under the given files or folders, sorted for stable output. */
export function listTimeMLFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path, { recursive: true }) as string[]) {
        if (entry.endsWith('.tml')) files.push(join(path, entry));
      }
    } else files.push(path);
  }
  return files.sort();
}

export function register(evalCommand: Command): void {
  evalCommand
    .command('timex')
    .description('TempEval-3 scores (strict/relaxed extent P/R/F1, value F1) on TimeML files')
    .requiredOption('--timeml <dirs...>', 'TimeML files or folders (searched recursively for .tml)')
    .option('--errors', 'print each missed, spurious or wrongly valued expression')
    .option('--no-chrono', 'our grammar only, without the chrono-node fallback')
    .option('--json', 'print the scores as JSON')
    .action((options: TimexEvalOptions) => {
      const files = listTimeMLFiles(options.timeml);
      if (files.length === 0) throw new Error(`no .tml files under ${options.timeml.join(', ')}`);
      let total: TimexCounts = EMPTY_COUNTS;
      let documents = 0;
      let characters = 0;
      let seconds = 0;
      for (const file of files) {
        let doc;
        try {
          doc = parseTimeML(readFileSync(file, 'utf8'));
        } catch (err) {
          process.stderr.write(`${file}: error: ${(err as Error).message}\n`);
          continue;
        }
        const started = process.hrtime.bigint();
        const system = extractTimexes(doc.text, { published: doc.dct, chronoFallback: options.chrono });
        seconds += Number(process.hrtime.bigint() - started) / 1e9;
        characters += doc.text.length;
        documents++;
        total = addCounts(total, scoreDocument(doc.timexes, system));
        if (options.errors) printErrors(file, doc.dct, doc.timexes, system);
      }
      const scores = timexScores(total);
      if (options.json) {
        process.stdout.write(JSON.stringify({ documents, counts: total, scores, seconds }, null, 2) + '\n');
        return;
      }
      const pct = (x: number): string => (100 * x).toFixed(2);
      process.stdout.write(
        [
          `documents ${documents}, gold ${total.gold}, system ${total.system}, ${characters} characters in ${seconds.toFixed(2)} s`,
          `strict   P ${pct(scores.strict.precision)}  R ${pct(scores.strict.recall)}  F1 ${pct(scores.strict.f1)}`,
          `relaxed  P ${pct(scores.relaxed.precision)}  R ${pct(scores.relaxed.recall)}  F1 ${pct(scores.relaxed.f1)}`,
          `value    P ${pct(scores.value.precision)}  R ${pct(scores.value.recall)}  F1 ${pct(scores.value.f1)}  (accuracy on relaxed matches ${pct(scores.valueAccuracy)})`,
        ].join('\n') + '\n',
      );
    });
}

function printErrors(
  file: string,
  dct: string | null,
  gold: Array<{ start: number; end: number; text: string; value: string }>,
  system: Array<{ start: number; end: number; text: string; value: string | null; rule?: string }>,
): void {
  const name = file.split('/').pop();
  for (const g of gold) {
    const match = system.find((s) => s.start < g.end && g.start < s.end);
    if (!match) process.stdout.write(`MISS\t${name}\t${dct}\t${g.text}\t${g.value}\n`);
    else if (match.value !== g.value) {
      process.stdout.write(`VALUE\t${name}\t${dct}\t${g.text} => ${match.text}\t${g.value}\t${match.value}\t${match.rule ?? ''}\n`);
    }
  }
  for (const s of system) {
    if (!gold.some((g) => s.start < g.end && g.start < s.end)) {
      process.stdout.write(`EXTRA\t${name}\t${dct}\t${s.text}\t${s.value}\t${s.rule ?? ''}\n`);
    }
  }
}
