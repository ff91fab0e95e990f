import type { Command } from 'commander';
import * as demoCommand from './demo.ts';
import * as evalCommand from './eval.ts';
import * as exportCommand from './export.ts';
import * as ingestCommand from './ingest.ts';
import * as storiesCommand from './stories.ts';

export interface CommandModule {
  register(program: Command): void;
}

// One import per subcommand file; keep this list sorted.
export const commandModules: CommandModule[] = [demoCommand, ingestCommand, storiesCommand, exportCommand, evalCommand];
