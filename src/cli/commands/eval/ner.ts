/**
 * `storyline eval ner --conll FILE`: entity-level exact-match P/R/F1 (conlleval style) of
 * the entity tagger on CoNLL-2003-format files, per type and overall; `--speed` measures
 * tagging throughput on the same text.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseConll } from '../../../annotate/ner/conll.ts';
import { evaluateConll, measureSpeed, type EvaluationMode } from '../../../annotate/ner/evaluate.ts';
import { DEFAULT_MODEL_PATH, loadNerModel } from '../../../annotate/ner/index.ts';

interface NerEvalOptions {
  conll: string[];
  model: string;
  mode: string[];
  speed?: boolean;
  json?: boolean;
}

const MODES: EvaluationMode[] = ['document', 'sentence', 'caseless'];

export function register(evalCommand: Command): void {
  evalCommand
    .command('ner')
    .description('Entity-level P/R/F1 per type and overall of the entity tagger on CoNLL-2003 files')
    .requiredOption('--conll <files...>', 'CoNLL files (token … tag per line, blank line between sentences)')
    .option('--model <file>', 'model file', DEFAULT_MODEL_PATH)
    .option(
      '--mode <modes...>',
      'document: cased, a document at a time (default); sentence: each sentence alone (tagTokens); caseless: lowercased, punctuation-stripped copies',
      ['document'],
    )
    .option('--speed', 'also measure tagEntities throughput (tokens/s) on the same text, cased and caseless')
    .option('--json', 'print the results as JSON')
    .action((options: NerEvalOptions) => {
      for (const mode of options.mode) {
        if (!MODES.includes(mode as EvaluationMode)) throw new Error(`unknown --mode ${mode} (expected ${MODES.join(', ')})`);
      }
      const loadStarted = process.hrtime.bigint();
      const model = loadNerModel(options.model);
      const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
      const results: Record<string, unknown>[] = [];
      for (const file of options.conll) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          process.stderr.write(`${file}: error: cannot read: ${(err as Error).message}\n`);
          process.exitCode = 1;
          continue;
        }
        const { sentences, errors } = parseConll(text, file);
        for (const error of errors) process.stderr.write(`${error}\n`);
        const tokens = sentences.reduce((sum, s) => sum + s.words.length, 0);
        const result: Record<string, unknown> = { file, sentences: sentences.length, tokens, modelLoadSeconds: loadSeconds };
        for (const mode of options.mode as EvaluationMode[]) {
          const scorer = evaluateConll(model, sentences, mode);
          result[mode] = { overall: scorer.overall(), perType: scorer.perType() };
          if (!options.json) printScores(`${file} [${mode}]`, scorer.overall(), scorer.perType());
        }
        if (options.speed) {
          const cased = measureSpeed(model, sentences, false);
          const caseless = measureSpeed(model, sentences, true);
          result.speed = { cased, caseless };
          if (!options.json) {
            const rate = (r: typeof cased): string =>
              `${Math.round(r.bestPassTokensPerCpuSecond)} tokens/CPU-s (first pass ${Math.round(r.firstPassTokensPerCpuSecond)}, wall ${Math.round(r.tokensPerSecond)} tokens/s, ${r.passes} passes)`;
            process.stdout.write(
              `speed, tagEntities on one core: cased ${rate(cased)}; caseless ${rate(caseless)}; model load ${(loadSeconds * 1000).toFixed(0)} ms\n`,
            );
          }
        }
        results.push(result);
      }
      if (options.json) process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
    });
}

interface Scores {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

function printScores(title: string, overall: Scores, perType: Record<string, Scores>): void {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const row = (name: string, s: Scores): string =>
    `${name.padEnd(8)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   gold ${s.gold}, predicted ${s.predicted}, correct ${s.correct}`;
  const lines = [title, row('overall', overall), ...Object.entries(perType).map(([type, s]) => row(type, s))];
  process.stdout.write(lines.join('\n') + '\n');
}
