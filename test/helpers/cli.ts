import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const WINNOW_BIN = resolve(import.meta.dirname, '../../bin/winnow');

/** Runs ./bin/winnow on this Node (22) and returns exit code and output. */
export function winnow(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [WINNOW_BIN, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs a command with --json, expecting no stderr, and parses its output. */
export function winnowJson(...args: string[]): any {
  const run = winnow(...args, '--json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}
