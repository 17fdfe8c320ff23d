// `winnow serve` under malformed input, over a raw TCP socket: each bad WebSocket frame (after a valid
// upgrade with the token) closes that one connection with the RFC 6455 close code, and each malformed
// HTTP request gets a 4xx; the server logs one line (no stack trace) and keeps serving the page and
// other sockets. Before the fix, the first bad frame ended the process with "Unhandled 'error' event".
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closeCode, frame, rawExchange, upgradeRequest } from '../helpers/raw-socket.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { startServe, type ServeProcess } from '../e2e/serve-helpers.ts';

const tmp = tempDir('winnow-serve-fuzz-');
const catalog = join(tmp.path, 'fuzz.winnow');
let serve: ServeProcess;
let port: number;
let stderr = '';

beforeAll(async () => {
  serve = await startServe(catalog);
  port = Number(new URL(serve.base).port);
  serve.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
});

afterAll(async () => {
  const code = await serve.stop();
  tmp.cleanup();
  expect(code).toBe(0);
});

/** The server is alive and well: the page loads, and a fresh socket answers a call. */
async function stillServes(): Promise<void> {
  expect(serve.child.exitCode, `winnow serve died:\n${stderr}`).toBeNull();
  const page = await fetch(`${serve.base}/?token=${serve.token}`);
  expect(page.status).toBe(200);
  const reply = await new Promise<{ id: number; ok: boolean; result?: { path: string } }>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${serve.token}`);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'catalog.summary', args: {} })));
    ws.on('message', (data) => {
      ws.close();
      resolve(JSON.parse(data.toString()));
    });
    ws.on('error', reject);
  });
  expect(reply).toMatchObject({ id: 1, ok: true, result: { path: catalog } });
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const call = text(JSON.stringify({ id: 1, method: 'catalog.summary', args: {} }));

// Each malformed frame and the close code RFC 6455 §7.4.1 gives for it.
const BAD_FRAMES: [string, Buffer, number][] = [
  ['a 2 MB message (over the 1 MiB limit)', frame(Buffer.alloc(2 * 1024 * 1024, 0x20)), 1009],
  ['a header announcing 50 MB', frame(Buffer.alloc(0), { claimedLength: 50n * 1024n * 1024n }), 1009],
  ['a header announcing 2^62 bytes', frame(Buffer.alloc(0), { claimedLength: 2n ** 62n }), 1009],
  ['invalid UTF-8 in a text frame', frame(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d])), 1007],
  ['opcode 3 (reserved)', frame(call, { opcode: 3 }), 1002],
  ['an unmasked client frame', frame(call, { mask: false }), 1002],
  ['RSV1 set with no extension agreed', frame(call, { rsv1: true }), 1002],
  ['a continuation frame with nothing to continue', frame(call, { opcode: 0 }), 1002],
];

describe('winnow serve: malformed WebSocket frames', () => {
  it.each(BAD_FRAMES)('closes the connection on %s with its close code, and serves on', async (_name, bad, code) => {
    const before = stderr.length;
    const reply = await rawExchange(port, Buffer.concat([Buffer.from(upgradeRequest(port, serve.token)), bad]));
    expect(reply.subarray(0, 12).toString('latin1')).toBe('HTTP/1.1 101');
    expect(closeCode(reply)).toBe(code);
    await stillServes();
    // One line in the terminal, without a stack trace.
    const logged = stderr.slice(before);
    expect(logged).toMatch(/^[^\n]*WebSocket connection closed[^\n]*\n$/);
    expect(logged).not.toMatch(/\n\s+at /);
  });

  it('keeps a second, good socket working while a bad one is refused', async () => {
    const good = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${serve.token}`);
    await new Promise((resolve, reject) => good.once('open', resolve).once('error', reject));
    const bad = await rawExchange(port, Buffer.concat([Buffer.from(upgradeRequest(port, serve.token)), frame(call, { opcode: 3 })]));
    expect(closeCode(bad)).toBe(1002);
    const answer = new Promise<{ id: number; ok: boolean }>((resolve) => good.once('message', (d) => resolve(JSON.parse(d.toString()))));
    good.send(JSON.stringify({ id: 5, method: 'catalog.summary', args: {} }));
    expect(await answer).toMatchObject({ id: 5, ok: true });
    good.close();
  });
});

describe('winnow serve: malformed HTTP', () => {
  const get = (path: string, extra = ''): string => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`;
  const status = (reply: Buffer): string => reply.toString('latin1').split('\r\n')[0]!;

  it.each([
    ['a garbage request line', () => 'HELLO THERE\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
    [
      '32 KB of headers',
      () => get(`/?token=${serve.token}`, `X-Big: ${'a'.repeat(32 * 1024)}\r\n`),
      'HTTP/1.1 431 Request Header Fields Too Large',
    ],
    ['bad percent-encoding', () => get(`/%E0%A4%A?token=${serve.token}`), 'HTTP/1.1 404 Not Found'],
    ['a path that is no URL (//)', () => get(`//?token=${serve.token}`), 'HTTP/1.1 400 Bad Request'],
    [
      'an upgrade to a path that is no URL (//)',
      () => upgradeRequest(port, serve.token, `//?token=${serve.token}`),
      'HTTP/1.1 400 Bad Request',
    ],
    [
      'an upgrade with bad percent-encoding',
      () => upgradeRequest(port, serve.token, `/ws%E0%A4%A?token=${serve.token}`),
      'HTTP/1.1 403 Forbidden',
    ],
    [
      'an upgrade without Sec-WebSocket-Key',
      () => upgradeRequest(port, serve.token).replace(/Sec-WebSocket-Key: [^\r]*\r\n/, ''),
      'HTTP/1.1 400 Bad Request',
    ],
    [
      'an upgrade asking for WebSocket version 99',
      () => upgradeRequest(port, serve.token).replace('Version: 13', 'Version: 99'),
      'HTTP/1.1 400 Bad Request',
    ],
    [
      'a POST with a broken JSON body',
      () =>
        `POST /?token=${serve.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{"id": 1,`,
      'HTTP/1.1 405 Method Not Allowed',
    ],
  ])('answers %s with a 4xx and serves on', async (_name, request, expected) => {
    const reply = await rawExchange(port, request());
    expect(status(reply)).toBe(expected);
    await stillServes();
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('winnow serve: a running import and a flood of bad frames', () => {
  it('finishes the import and reports it on the good socket', async () => {
    const data = join(tmp.path, 'data');
    for (let i = 0; i < 60; i++) await writeJpeg(join(data, i % 2 ? 'cats' : 'dogs', `${i}.jpg`), 1000 + i, 160, 120);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${serve.token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    type Done = { kind: string; report?: { added: number; failed: number; cancelled: boolean }; error?: string };
    const done = new Promise<Done>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as { event?: string; payload?: Done };
        if (msg.event === 'job.done' && msg.payload?.kind === 'import') resolve(msg.payload);
      }),
    );
    ws.send(JSON.stringify({ id: 9, method: 'import.start', args: { folder: data, labels: 'folders' } }));
    const floods = BAD_FRAMES.map(([, bad]) => rawExchange(port, Buffer.concat([Buffer.from(upgradeRequest(port, serve.token)), bad])));
    expect((await Promise.all(floods)).map(closeCode)).toEqual(BAD_FRAMES.map(([, , code]) => code));
    expect(await done).toMatchObject({ report: { added: 60, failed: 0, cancelled: false } });
    ws.close();
    await stillServes();
  });
});
