// Every numeric option of every command, given a value that is not a whole number in its range, is a
// usage error (exit 2) naming the allowed range — never read as 0, rounded, or run as given.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { WINNOW_BIN } from '../helpers/cli.ts';
import { maxWorkers } from '../../src/shared/limits.ts';

const dir = tempDir('winnow-args-');
afterAll(() => dir.cleanup());
const empty = join(dir.path, 'empty');
mkdirSync(empty);
const catalog = join(dir.path, 'c.winnow');

// A wrong value the old code accepted could start 100000 workers or a server: the kill is only a
// guard so such a run ends as a failed case instead of hanging the suite.
function run(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [WINNOW_BIN, ...args], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  return { code: r.status, stderr: r.stderr };
}

const W = maxWorkers(availableParallelism());
const SEED = '9007199254740991'; // 2^53 - 1
const index = ['index', empty, '--catalog', catalog];
const dups = ['dups', '--catalog', catalog];
const folds = ['folds', '--catalog', catalog];
const exp = ['export', '--catalog', catalog, '--out', join(dir.path, 'out')];
const inspect = ['inspect', join(dir.path, 'x.tfrec')];

// [command line, option, value, allowed range as the message states it]
const CASES: [string[], string, string, string][] = [
  [index, 'workers', '100000', `1 to ${W}`],
  [index, 'workers', String(W + 1), `1 to ${W}`],
  [index, 'workers', '0', `1 to ${W}`],
  [index, 'workers', '', `1 to ${W}`],
  [index, 'workers', '1.5', `1 to ${W}`],
  [index, 'workers', 'NaN', `1 to ${W}`],
  [index, 'workers', '-2', `1 to ${W}`],
  [index, 'max-pixels', '', '1 to 1000000000000'],
  [index, 'max-pixels', '1e6', '1 to 1000000000000'],
  [index, 'max-pixels', '99999999999999999999', '1 to 1000000000000'],
  [dups, 'phash', '33', '0 to 32'],
  [dups, 'phash', '', '0 to 32'],
  [dups, 'dhash', '65', '0 to 64'],
  [dups, 'dhash', '0x10', '0 to 64'],
  [[...dups, '--histogram'], 'max', '33', '0 to 32'],
  [[...dups, '--histogram'], 'max', ' 7', '0 to 32'],
  [folds, 'k', '1', '2 to 1000'],
  [folds, 'k', '1001', '2 to 1000'],
  [folds, 'k', '', '2 to 1000'],
  [folds, 'seed', '9007199254740993', `0 to ${SEED}`],
  [folds, 'seed', '-1', `0 to ${SEED}`],
  [folds, 'seed', '', `0 to ${SEED}`],
  [folds, 'seed', '4.2', `0 to ${SEED}`],
  [exp, 'quality', '0', '1 to 100'],
  [exp, 'quality', '101', '1 to 100'],
  [exp, 'quality', '', '1 to 100'],
  [exp, 'max-records', '0', '1 to 1000000000'],
  [exp, 'max-records', '', '1 to 1000000000'],
  [exp, 'max-mb', '0', '1 to 1048576'],
  [exp, 'max-mb', '2000000', '1 to 1048576'],
  [exp, 'seed', '9007199254740992', `0 to ${SEED}`],
  [exp, 'seed', 'Infinity', `0 to ${SEED}`],
  [inspect, 'record', '-1', '0 to 1000000000'],
  [inspect, 'record', '', '0 to 1000000000'],
  [inspect, 'record', '1.5', '0 to 1000000000'],
  [['serve'], 'port', '', '0 to 65535'],
  [['serve'], 'port', '65536', '0 to 65535'],
  [['serve'], 'port', '-1', '0 to 65535'],
];

describe('numeric options', () => {
  it.each(CASES)('%j --%s=%j is a usage error naming %s', (argv, option, value, range) => {
    // --opt=VALUE so that '' and '-1' reach the option as values.
    const r = run([...argv, `--${option}=${value}`]);
    expect(r.stderr.split('\n')[0]).toBe(`winnow: --${option} must be a whole number from ${range}, not "${value}"`);
    expect(r.code).toBe(2);
  });

  const FOLD_LISTS = ['', '1,,2', 'x', '-1', '1000', '0, 1.5'];
  it.each(FOLD_LISTS)('export --folds=%j is a usage error naming the allowed folds', (value) => {
    const r = run([...exp, `--folds=${value}`]);
    expect(r.stderr.split('\n')[0]).toBe(`winnow: --folds must be all or a list of fold numbers (0 to 999) like 0,1, not "${value}"`);
    expect(r.code).toBe(2);
  });
});
