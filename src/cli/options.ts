/** Options and helpers shared by subcommands. */
import type { Command } from 'commander';
import { openStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/types.ts';

export const DEFAULT_DB = './storyline.db';

export function withDb(command: Command): Command {
  return command.option('--db <path>', 'SQLite database file', DEFAULT_DB);
}

export async function withStore<T>(dbPath: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(dbPath);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
}

/** Writes a line to stdout, ignoring EPIPE when the reader (e.g. `head`) has gone. */
export function out(line: string): void {
  process.stdout.write(line + '\n');
}
