import type { Command } from 'commander';
import * as evalCommand from './eval.ts';

export interface CommandModule {
  register(program: Command): void;
}

// One import per subcommand file; keep this list sorted.
export const commandModules: CommandModule[] = [evalCommand];
