/**
 * `storyline eval <what>`: every quality number we quote is reproduced by one of these.
 * Each evaluation lives in ./eval/<what>.ts and exports `register(evalCommand)`.
 */
import type { Command } from 'commander';
import { evalModules } from './eval/index.ts';

export function register(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('Evaluate a stage against gold data (clusters, extraction, ner, timex, reuse, copies)');
  for (const mod of evalModules) mod.register(evalCommand);
}
