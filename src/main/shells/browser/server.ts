// The browser host: the built renderer and the contract over HTTP + WebSocket, for 127.0.0.1 only.
// Every request needs the random token printed at start (as Jupyter does): in the query, or in the
// cookie the first page load sets. The socket also checks Origin, and every request checks Host, so
// another site in the same browser (or a DNS-rebinding name) cannot drive the API. The Host may
// carry any port: through `ssh -L 9000:127.0.0.1:8765` the browser names its own end of the tunnel.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, Events } from '../../../shared/contract.ts';
import { Host } from '../../host/host.ts';
import { staticFile } from './static.ts';
import { visible } from '../../core/terminal-text.ts';
import { parseImagePath } from '../../host/thumbs.ts';

export interface ServeOptions {
  port: number;
  catalog?: string;
  rendererDir: string;
  /** Fixed token for tests; random (256 bits) otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  host: Host;
  close(): Promise<void>;
}

const BIND = '127.0.0.1';

/**
 * The largest WebSocket message accepted. The biggest legitimate call carries a few paths of at most
 * 4096 characters (contract.ts), a few tens of KB even fully JSON-escaped; 1 MiB leaves room for that
 * many times over, while a larger message (or a header announcing one) is refused with close code 1009
 * before it is buffered.
 */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** One line in the terminal for a client's fault (a bad frame, a reset connection): no stack, it is not our bug. */
const note = (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${visible(line)}\n`);

/** This machine by address or as localhost, on any port; other names could be a DNS-rebinding site. */
const LOCAL_HOST = /^(127\.0\.0\.1|localhost)(:\d{1,5})?$/;

/** The page's socket goes to the host it was loaded from (`host`, a checked Host header). */
function csp(host: string): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    // 'self' covers ws: only in browsers that follow CSP 3, so the socket's origin is named as well.
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const sockets = new Set<WebSocket>();
  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  const host = new Host({ shell: 'browser', emit, ...(opts.catalog ? { catalog: opts.catalog } : {}) });
  let port = opts.port;
  // Cookies are not port-scoped: name it by port so two hosts on one machine do not clash.
  const cookieName = (): string => `winnow_token_${port}`;

  const hostOk = (req: IncomingMessage): boolean => LOCAL_HOST.test(req.headers.host ?? '');
  const requestToken = (req: IncomingMessage, url: URL): string | null => {
    const fromQuery = url.searchParams.get('token');
    if (fromQuery) return fromQuery;
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === cookieName()) return v.join('=');
    }
    return null;
  };
  const refuse = (res: ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`${message}\n`);
  };

  /** The request's URL, or null when its path is not one (e.g. `//`): the client's fault, a 400. */
  const requestUrl = (req: IncomingMessage): URL | null => {
    try {
      return new URL(req.url ?? '/', `http://${BIND}:${port}`);
    } catch {
      return null;
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req);
    if (!url) return refuse(res, 400, 'Bad request: the path is not a valid URL');
    if (!hostOk(req)) return refuse(res, 403, 'Forbidden: unexpected Host header');
    if (!tokenOk(requestToken(req, url))) {
      return refuse(res, 403, 'Forbidden: open the URL with ?token=… that `winnow serve` printed');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const common = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Resource-Policy': 'same-origin' };
    if (url.pathname.startsWith('/img/')) {
      const parsed = parseImagePath(url.pathname, url.searchParams);
      if (!parsed) return refuse(res, 400, 'Bad image request: /img/<catalog image id>?size=128|256|512');
      const r = await host.thumbs.respond(parsed.id, parsed.size);
      res.writeHead(r.status, {
        ...common,
        'Content-Type': r.type,
        'Cache-Control': r.status === 200 ? 'private, max-age=3600' : 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : r.body);
      return;
    }
    const file = await staticFile(opts.rendererDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found');
    const headers: Record<string, string> = { ...common, 'Content-Type': file.type, 'Content-Security-Policy': csp(req.headers.host!) };
    if (file.type.startsWith('text/html')) {
      headers['Cache-Control'] = 'no-store';
      headers['Set-Cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    } else headers['Cache-Control'] = 'private, max-age=600';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, `Internal error: ${(err as Error).message}`);
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without an error listener: a reset here must not end the process.
    socket.on('error', (err) => note(`WebSocket upgrade failed: ${err.message}`));
    const url = requestUrl(req);
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    // Same host and port as the request: a page on another localhost port carries the token cookie
    // too (cookies are not port-scoped), so only the page this server (or its tunnel) served may connect.
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://${req.headers.host}`;
    if (url.pathname !== '/ws' || !hostOk(req) || !originOk || !tokenOk(requestToken(req, url))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // A malformed frame (bad opcode, unmasked, invalid UTF-8, too big) is that client's fault: ws has
      // already sent the close code; without this listener the 'error' event would end the server.
      ws.on('error', (err) => note(`WebSocket connection closed: ${err.message}`));
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  const answer = async (ws: WebSocket, raw: string): Promise<void> => {
    let id: unknown = null;
    try {
      const msg = JSON.parse(raw) as { id?: unknown; method?: unknown; args?: unknown };
      id = msg.id;
      if (typeof id !== 'number') throw new Error('each message needs a numeric id');
      const result = await host.dispatch(msg.method, msg.args);
      ws.send(JSON.stringify({ id, ok: true, result }));
    } catch (err) {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, ok: false, error: (err as Error).message ?? String(err) }));
    }
  };

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, BIND, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${BIND}:${port}/?token=${token}`,
    port,
    token,
    host,
    async close() {
      for (const ws of sockets) ws.close(1001, 'server shutting down');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await host.close();
    },
  };
}
