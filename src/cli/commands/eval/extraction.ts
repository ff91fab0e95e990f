/**
 * `storyline eval extraction --html-dir DIR --truth ground-truth.json`: the article-
 * extraction benchmark's body metric (word 4-gram shingle precision/recall per page,
 * averaged) plus publication-date accuracy against dates the pages state themselves.
 * `--extractor readability` scores plain Readability on linkedom for comparison.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';

interface ExtractionEvalOptions {
  htmlDir: string;
  truth: string;
  worst: string;
  extractor: string;
  caseSensitive?: boolean;
  json?: boolean;
}

export function register(evalCommand: Command): void {
  evalCommand
    .command('extraction')
    .description('Body-text P/R/F1 (Zyte benchmark shingle metric) and publication-date accuracy of the HTML extractor')
    .requiredOption('--html-dir <dir>', 'pages named <id>.html, <id>.htm or <id>.html.gz')
    .requiredOption('--truth <file>', 'ground truth JSON {id: {articleBody, url}}')
    .option('--worst <n>', 'list the n pages with the lowest F1', '10')
    .option('--extractor <name>', 'storyline (default) or readability (plain Readability on linkedom)', 'storyline')
    .option('--case-sensitive', 'compare tokens case-sensitively, exactly as the upstream evaluate.py (default: lowercased)')
    .option('--json', 'print the evaluation (with per-page scores) as JSON')
    .action(async (options: ExtractionEvalOptions) => {
      if (options.extractor !== 'storyline' && options.extractor !== 'readability') throw new Error(`unknown --extractor ${options.extractor}`);
      const { parseGroundTruth, evaluatePage, summarise, formatEvaluation } = await import('../../../extract/evaluation/extraction-eval.ts');
      const { readHtmlFile, HTML_FILE } = await import('../../../extract/read-html.ts');
      const truth = parseGroundTruth(readFileSync(options.truth, 'utf8'));
      const fileById = new Map<string, string>();
      for (const name of readdirSync(options.htmlDir)) {
        if (HTML_FILE.test(name)) fileById.set(name.split('.')[0], join(options.htmlDir, name));
      }
      const pages = [];
      const missing: string[] = [];
      for (const [id, entry] of truth) {
        const file = fileById.get(id);
        let html: string | null = null;
        if (!file) missing.push(id);
        else {
          try {
            html = readHtmlFile(file);
          } catch (err) {
            process.stderr.write(`${file}: error: ${(err as Error).message}\n`);
          }
        }
        pages.push(evaluatePage(id, html, entry, { extractor: options.extractor, caseSensitive: options.caseSensitive }));
      }
      const evaluation = summarise(pages, missing, options.extractor === 'storyline');
      const worst = Number(options.worst);
      if (options.json) process.stdout.write(JSON.stringify(evaluation, null, 2) + '\n');
      else process.stdout.write(formatEvaluation(evaluation, Number.isFinite(worst) ? worst : 10, options.extractor, options.caseSensitive) + '\n');
    });
}
