import type { Command } from 'commander';

export interface EvalModule {
  register(evalCommand: Command): void;
}

// One import per evaluation file; keep this list sorted.
export const evalModules: EvalModule[] = [];
