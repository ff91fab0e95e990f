/**
 * `storyline annotate [file.jsonl|-]`: entities, places and dates for each input line
 * {"id", "text", "published"?}, one output line each (DESIGN.md "Annotation" contract).
 * A bad line is reported on stderr with its line number and the rest go on.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { annotateText, emptyTimings, initAnnotators } from '../../annotate/index.ts';
import { formatMessage, type Message } from '../../types.ts';

interface AnnotateCommandOptions {
  stats?: boolean;
}

interface AnnotateInput {
  id: string | null;
  text: string;
  title: string | null;
  published: string | null;
}

/** Validate one parsed input line; a string is the reason it is unusable. */
export function parseAnnotateLine(line: string): AnnotateInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `invalid JSON (${(err as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return 'missing "text" (a string)';
  if (record.id !== undefined && typeof record.id !== 'string' && typeof record.id !== 'number') return '"id" must be a string or number';
  if (record.title !== undefined && record.title !== null && typeof record.title !== 'string') return '"title" must be a string';
  if (record.published !== undefined && record.published !== null && typeof record.published !== 'string') {
    return '"published" must be an ISO-8601 string';
  }
  if (typeof record.published === 'string' && Number.isNaN(Date.parse(record.published))) {
    return `"published" is not a date: ${JSON.stringify(record.published)}`;
  }
  return {
    id: record.id === undefined ? null : String(record.id),
    text: record.text,
    title: typeof record.title === 'string' ? record.title : null,
    published: typeof record.published === 'string' ? record.published : null,
  };
}

export function register(program: Command): void {
  program
    .command('annotate')
    .description('Entities (with canonical names), places (with coordinates) and dates (TIMEX3) for JSONL articles')
    .argument('[file]', 'JSONL input, one {"id","text","published"?,"title"?} a line (the title helps link names; offsets stay in the text); "-" or nothing for stdin', '-')
    .option('--stats', 'print articles, tokens and tokens per second to stderr')
    .action(async (file: string, options: AnnotateCommandOptions) => {
      const source = file === '-' ? '<stdin>' : file;
      const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
      await initAnnotators();
      const lines = createInterface({ input, crlfDelay: Infinity });
      let lineNumber = 0;
      let articles = 0;
      let failed = 0;
      let tokens = 0;
      let seconds = 0;
      let cpuSeconds = 0;
      const timings = emptyTimings();
      for await (const line of lines) {
        lineNumber++;
        if (!line.trim()) continue;
        const parsed = parseAnnotateLine(line);
        if (typeof parsed === 'string') {
          failed++;
          const message: Message = { level: 'error', reason: parsed, origin: { file: source, line: lineNumber } };
          process.stderr.write(formatMessage(message) + '\n');
          continue;
        }
        const started = process.hrtime.bigint();
        const cpuStarted = process.cpuUsage();
        const annotations = annotateText(parsed.text, { published: parsed.published, title: parsed.title, timings: options.stats ? timings : undefined });
        const cpu = process.cpuUsage(cpuStarted);
        cpuSeconds += (cpu.user + cpu.system) / 1e6;
        seconds += Number(process.hrtime.bigint() - started) / 1e9;
        tokens += parsed.text.split(/\s+/).filter(Boolean).length;
        articles++;
        const output = {
          id: parsed.id,
          entities: annotations.entities.map(({ start, end, text, type, canonical }) => ({ start, end, text, type, canonical })),
          places: annotations.places.map(({ start, end, text, name, lat, lon, country }) => ({ start, end, text, name, lat, lon, country })),
          dates: annotations.dates.map(({ start, end, text, value }) => ({ start, end, text, value })),
        };
        if (!process.stdout.write(JSON.stringify(output) + '\n')) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
      if (options.stats) {
        // CPU time is what one core spends; wall time also counts waiting on a busy machine.
        const rate = (t: number): number => (t > 0 ? Math.round(tokens / t) : 0);
        process.stderr.write(
          `annotate: ${articles} articles, ${failed} bad lines, ${tokens} tokens; ` +
            `${cpuSeconds.toFixed(2)} s CPU (${rate(cpuSeconds)} tokens/s), ${seconds.toFixed(2)} s wall (${rate(seconds)} tokens/s)\n` +
            `annotate: CPU by stage: tagging ${timings.tagging.toFixed(2)} s, linking ${timings.linking.toFixed(2)} s, ` +
            `places ${timings.places.toFixed(2)} s, dates ${timings.dates.toFixed(2)} s; ` +
            `dates + tagging ${rate(timings.tagging + timings.dates)} tokens/s\n`,
        );
      }
      if (failed > 0) process.exitCode = 1;
    });
}
