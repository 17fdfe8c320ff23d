// What the CLI prints: human-readable text with terminal control characters escaped
// (core/terminal-text.ts says why), or JSON.
import { hex, JSON_RAW, terminalText } from '../core/terminal-text.ts';

export { terminalText, visible } from '../core/terminal-text.ts';

/** Human-readable output on stdout. */
export function printText(text: string): void {
  process.stdout.write(terminalText(text));
}

/**
 * --json output on stdout. JSON escapes C0 controls but not C1 or bidi characters; written as \uXXXX
 * they are still the same JSON value (they can only occur inside strings), and harmless on a terminal.
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2).replace(JSON_RAW, (c) => `\\u${hex(c, 4)}`)}\n`);
}

export { plural } from '../../shared/words.ts';
