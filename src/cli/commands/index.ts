import type { Command } from 'commander';
import * as annotateCommand from './annotate.ts';
import * as copiesCommand from './copies.ts';
import * as demoCommand from './demo.ts';
import * as evalCommand from './eval.ts';
import * as exportCommand from './export.ts';
import * as extractCommand from './extract.ts';
import * as ingestCommand from './ingest.ts';
import * as serveCommand from './serve.ts';
import * as storiesCommand from './stories.ts';
import * as watchCommand from './watch.ts';

export interface CommandModule {
  register(program: Command): void;
}

// One import per subcommand file; keep this list sorted.
export const commandModules: CommandModule[] = [annotateCommand, demoCommand, ingestCommand, watchCommand, storiesCommand, copiesCommand, serveCommand, exportCommand, extractCommand, evalCommand];
