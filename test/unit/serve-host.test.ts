// Which Host and Origin headers `winnow serve` answers: 127.0.0.1 and localhost on any port (an SSH
// tunnel's local port differs from the server's), never another name (DNS rebinding), and a socket
// only from a page of the very host and port the request names.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/main/shells/browser/server.ts';
import { tempDir } from '../helpers/fixtures.ts';

const TOKEN = 'test-token-0123456789';
const tmp = tempDir('winnow-serve-host-');
let server: RunningServer;

beforeAll(async () => {
  const rendererDir = join(tmp.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>\n');
  server = await startServer({ port: 0, rendererDir, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET from the server with the Host header a browser at the other end of a tunnel would send. */
function get(path: string, host: string, cookie?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host, ...(cookie ? { cookie } : {}) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens /ws with the given Host and Origin; resolves with the answer to one call, or the refusal's status. */
function callOverSocket(host: string, origin: string): Promise<{ status: number; reply?: unknown }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { headers: { host }, origin });
    ws.on('open', () => ws.send(JSON.stringify({ id: 7, method: 'catalog.summary', args: {} })));
    ws.on('message', (data) => {
      ws.close();
      resolve({ status: 101, reply: JSON.parse(data.toString()) });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

describe('winnow serve: Host and Origin', () => {
  it("serves the page through a tunnel whose port is not the server's, with that origin's socket allowed", async () => {
    for (const host of ['localhost:9000', '127.0.0.1:9000', `localhost:${server.port}`]) {
      const page = await get(`/?token=${TOKEN}`, host);
      expect(page.status, host).toBe(200);
      expect(page.body).toContain('<title>Winnow</title>');
      expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://${host};`);
    }
    // The cookie the page load set is enough afterwards, through the tunnel too.
    const cookie = String((await get(`/?token=${TOKEN}`, 'localhost:9000')).headers['set-cookie']).split(';')[0]!;
    expect((await get('/', 'localhost:9000', cookie)).status).toBe(200);
    expect((await get('/', 'localhost:9000')).status).toBe(403);
  });

  it('refuses other host names whatever the port (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example:9000',
      'localhost.evil.example:9000',
      `127.0.0.1.nip.io:${server.port}`,
    ]) {
      const page = await get(`/?token=${TOKEN}`, host);
      expect(page.status, host).toBe(403);
      expect(page.body).toMatch(/unexpected Host header/);
    }
  });

  it('runs calls over a socket from the page the tunnel served', async () => {
    const answer = await callOverSocket('localhost:9000', 'http://localhost:9000');
    expect(answer).toEqual({ status: 101, reply: { id: 7, ok: true, result: null } });
  });

  it('refuses a socket from a page on another port or host, or under another name', async () => {
    // A page on localhost:3000 would carry the token cookie (cookies ignore ports): still refused.
    expect(await callOverSocket('localhost:9000', 'http://localhost:3000')).toEqual({ status: 403 });
    expect(await callOverSocket('localhost:9000', `http://localhost:${server.port}`)).toEqual({ status: 403 });
    expect(await callOverSocket('localhost:9000', 'http://127.0.0.1:9000')).toEqual({ status: 403 });
    expect(await callOverSocket(`evil.example:${server.port}`, `http://evil.example:${server.port}`)).toEqual({ status: 403 });
  });
});
