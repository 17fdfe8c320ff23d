// Where the host writes what the user should not have to read: errors that are bugs, with their
// stacks. Electron passes a file in its logs folder; `winnow serve` logs to its terminal (stderr).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { terminalText } from '../core/terminal-text.ts';

export interface HostLog {
  /** Where the user can read the details, as the error message names it. */
  readonly where: string;
  error(context: string, err: unknown): void;
}

const entry = (context: string, err: unknown): string =>
  `${new Date().toISOString()} ${context}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`;

export function stderrLog(): HostLog {
  // A message may carry a file name: on a terminal its control characters are shown, not obeyed.
  return { where: 'the terminal running `winnow serve`', error: (context, err) => process.stderr.write(terminalText(entry(context, err))) };
}

export function fileLog(file: string): HostLog {
  return {
    where: file,
    error(context, err) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, entry(context, err));
      } catch {
        process.stderr.write(entry(context, err)); // a log that cannot be written must not hide the error
      }
    },
  };
}
