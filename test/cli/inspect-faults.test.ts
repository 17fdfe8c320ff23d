import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32c, maskCrc } from '../../src/main/core/tfrecord/crc32c.ts';
import { encodeExample } from '../../src/main/core/tfrecord/example.ts';
import { frameRecord } from '../../src/main/core/tfrecord/framing.ts';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

// Crafted files: intact records, and a header whose length is absurd but whose length CRC is right.
const dir = tempDir('winnow-inspect-faults-');
afterAll(() => dir.cleanup());

const record = (i: number): Uint8Array =>
  frameRecord(
    encodeExample({ target: { kind: 'int64', value: [i] }, image_name: { kind: 'bytes', value: [new TextEncoder().encode(`r${i}.jpg`)] } }),
  );

function headerClaiming(length: bigint): Buffer {
  const h = Buffer.alloc(12);
  h.writeBigUInt64LE(length, 0);
  h.writeUInt32LE(maskCrc(crc32c(h.subarray(0, 8))), 8);
  return h;
}

describe('inspect / verify on crafted files', () => {
  it('a record number one past the last is a usage error naming the valid range, not damage', () => {
    const file = join(dir.path, 'three.tfrec');
    writeFileSync(file, Buffer.concat([record(0), record(1), record(2)]));
    const run = winnow('inspect', file, '--record', '3');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('record 3 does not exist: the file holds 3 records (0..2)');
    expect(run.stdout).not.toContain('DAMAGED');
    const ok = winnow('inspect', file, '--record', '2');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3 records, CRCs ok');
  });

  it('a length of 2^60 with a valid length CRC is reported as a length past the end of the file', () => {
    const file = join(dir.path, 'huge-length.tfrec');
    const first = record(0);
    const bytes = Buffer.concat([first, headerClaiming(2n ** 60n), Buffer.alloc(20, 7)]);
    writeFileSync(file, bytes);
    const sentence = `record at byte ${first.length} claims a length of ${2n ** 60n} bytes, past the end of the file (${bytes.length} bytes)`;
    const inspect = winnow('inspect', file);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain(sentence);
    expect(inspect.stdout).not.toContain('bad length CRC');
    const verify = winnow('verify', file);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(sentence);
    expect(verify.stdout).toContain('(1 record)');
  });
});
