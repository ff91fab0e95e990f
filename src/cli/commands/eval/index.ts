import type { Command } from 'commander';
import * as clustersEval from './clusters.ts';
import * as copiesEval from './copies.ts';
import * as extractionEval from './extraction.ts';
import * as nerEval from './ner.ts';
import * as reuseEval from './reuse.ts';
import * as timexEval from './timex.ts';

export interface EvalModule {
  register(evalCommand: Command): void;
}

// One import per evaluation file; keep this list sorted.
export const evalModules: EvalModule[] = [clustersEval, copiesEval, extractionEval, nerEval, reuseEval, timexEval];
