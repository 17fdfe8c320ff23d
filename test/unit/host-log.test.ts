// The host's terminal log (`winnow serve`) shows errors whose messages may carry file names: control
// characters in them must reach the terminal as visible escapes, as everywhere else the CLI prints.
import { describe, expect, it, vi } from 'vitest';
import { stderrLog } from '../../src/main/host/log.ts';

describe('stderrLog', () => {
  it('escapes terminal control characters in what it writes, keeping the line breaks of a stack', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const err = new Error('cannot read /data/a\x1b]0;pwned\x07.png or \u202egpj.exe');
      stderrLog().error('import', err);
    } finally {
      spy.mockRestore();
    }
    const out = written.join('');
    expect(out).toContain('cannot read /data/a\\x1b]0;pwned\\x07.png or \\u202egpj.exe');
    expect(out).not.toMatch(/[\x1b\x07\u202e]/);
    expect(out.split('\n').length).toBeGreaterThan(2); // the stack's lines stay lines
  });
});
