/**
 * `storyline extract <files|dirs…> [--jsonl]`: article text and metadata from .html,
 * .htm and their .gz (DESIGN.md "Extraction" contract). Directories are walked in one
 * process; a page that fails is reported with its file and reason and the batch goes on.
 */
import type { Command } from 'commander';
import { formatMessage, type Message } from '../../types.ts';
import type { ExtractedArticle } from '../../extract/index.ts';

interface ExtractCommandOptions {
  jsonl?: boolean;
  url?: string;
}

/** One output line of the extraction contract (plus `provenance`): the extractor's record with its file. */
export type ExtractionRecord = Omit<ExtractedArticle, 'provenance'> & {
  file: string;
  provenance?: Record<string, string>;
  error?: string;
};

function summaryLines(record: ExtractionRecord): string {
  const paragraphs = record.text ? record.text.split('\n\n').length : 0;
  const words = record.text ? record.text.split(/\s+/).filter(Boolean).length : 0;
  const from = (field: string): string => (record.provenance?.[field] ? ` (${record.provenance[field]})` : '');
  const preview = record.text.replace(/\s+/g, ' ').slice(0, 160);
  return [
    `${record.file}`,
    `  title:     ${record.title ?? '-'}${from('title')}`,
    `  url:       ${record.url ?? '-'}${from('url')}`,
    `  byline:    ${record.byline ?? '-'}${from('byline')}`,
    `  published: ${record.published ?? '-'}${from('published')}`,
    `  site:      ${record.siteName ?? '-'}${from('siteName')}`,
    `  language:  ${record.language ?? '-'}${from('language')}`,
    `  text:      ${paragraphs} paragraphs, ${words} words${preview ? ` — ${preview}${record.text.length > 160 ? '…' : ''}` : ''}`,
  ].join('\n');
}

/** Where the command writes; tests pass string sinks instead of the process streams. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CommandOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Extracts every HTML file under `paths`, writing one record (or summary) per file.
 * Returns the exit code: 1 when there was nothing to extract, 0 otherwise (per-file
 * failures are reported and the batch goes on).
 */
export async function runExtract(paths: string[], options: ExtractCommandOptions, output: CommandOutput = processOutput): Promise<number> {
  // Loaded here so other commands do not pay for the language model at startup.
  const { extractArticle } = await import('../../extract/index.ts');
  const { listHtmlFiles, readHtmlFile } = await import('../../extract/read-html.ts');
  const { files, problems } = listHtmlFiles(paths);
  for (const problem of problems) {
    const message: Message = { level: 'error', reason: problem.reason, origin: { file: problem.path } };
    output.stderr(formatMessage(message) + '\n');
  }
  if (files.length > 1 && options.url) throw new Error('--url applies to a single file');
  let failed = 0;
  for (const file of files) {
    let record: ExtractionRecord;
    try {
      const article = extractArticle(readHtmlFile(file), { url: options.url });
      record = { file, ...article };
      if (article.text.length === 0) record.error = 'no article text found';
    } catch (err) {
      record = { file, url: options.url ?? null, title: null, byline: null, published: null, siteName: null, language: null, text: '', error: (err as Error).message };
    }
    if (record.error) {
      failed++;
      const message: Message = { level: 'error', reason: record.error, origin: { file, url: record.url ?? undefined } };
      output.stderr(formatMessage(message) + '\n');
    }
    output.stdout(options.jsonl ? JSON.stringify(record) + '\n' : summaryLines(record) + '\n\n');
  }
  output.stderr(`extracted ${files.length - failed} of ${files.length} files${failed ? `, ${failed} with errors` : ''}\n`);
  return files.length === 0 ? 1 : 0;
}

export function register(program: Command): void {
  program
    .command('extract')
    .description('Main text and metadata (title, byline, published, site, language) of HTML pages (.html, .htm, .gz)')
    .argument('<paths...>', 'HTML files or directories (walked recursively)')
    .option('--jsonl', 'one JSON object per file: {file, url, title, byline, published, siteName, language, text, error?}')
    .option('--url <url>', 'the page URL (for a single file): base for relative links and date-in-URL fallback')
    .action(async (paths: string[], options: ExtractCommandOptions) => {
      const exitCode = await runExtract(paths, options);
      if (exitCode !== 0) process.exitCode = exitCode;
    });
}
