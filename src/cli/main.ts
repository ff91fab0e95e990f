/**
 * The `storyline` command. Each subcommand lives in its own file under ./commands and
 * exports `register(program)`; this file only wires them together.
 */
import { Command } from 'commander';
import { commandModules } from './commands/index.ts';

export async function main(argv: string[]): Promise<void> {
  // `storyline export | head`: the reader leaving early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = new Command();
  program
    .name('storyline')
    .description('Turn a stream of news articles into stories: sources, copies, entities, places, dates.')
    .showHelpAfterError()
    .enablePositionalOptions();
  for (const mod of commandModules) mod.register(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`storyline: ${message}\n`);
    process.exitCode = process.exitCode || 1;
  }
}
