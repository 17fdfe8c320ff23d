// The Api over a WebSocket to `winnow serve`. Built from what it needs of the page (the socket
// constructor, the address, the tab's storage) so it can run against a fake socket in unit tests.
import type { Api, EventName, Events, MethodName, Methods, ThumbSize } from '../../../shared/contract.ts';

/** The part of the browser's WebSocket this uses (the DOM WebSocket fits it as it is). */
export interface SocketLike {
  send(frame: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}

/** What the socket side can tell about the connection (the shell shows a banner for the last two). */
export type SocketStatus = 'open' | 'lost' | 'no-token';

export interface SocketApiDeps {
  WebSocket: new (url: string) => SocketLike;
  location: { readonly href: string; readonly host: string };
  history: { readonly state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  /** The tab's sessionStorage: the token survives a reload but not the tab. */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  setStatus(status: SocketStatus): void;
}

const TOKEN_KEY = 'winnow.token';

/** The token arrives once in the URL (as Jupyter's); keep it for this tab and take it out of the address bar. */
function takeToken({ location, history, storage }: SocketApiDeps): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export function socketApi(deps: SocketApiDeps): Api {
  const token = takeToken(deps);
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const pending = new Map<number, Pending>();
  /** Frames of calls made while no socket was open (e.g. before the first one opens). */
  const unsent: string[] = [];
  let nextId = 1;
  let open: SocketLike | null = null;
  let retryMs = 500;

  const connect = (): void => {
    const socket = new deps.WebSocket(`ws://${deps.location.host}/ws?token=${encodeURIComponent(token)}`);
    socket.addEventListener('open', () => {
      open = socket;
      retryMs = 500;
      deps.setStatus('open');
      for (const frame of unsent.splice(0)) socket.send(frame);
    });
    socket.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as {
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        event?: string;
        payload?: unknown;
      };
      if (msg.event !== undefined) {
        for (const cb of listeners.get(msg.event) ?? []) cb(msg.payload);
        return;
      }
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id!);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error ?? 'Unknown error'));
    });
    socket.addEventListener('close', () => {
      open = null;
      deps.setStatus(token ? 'lost' : 'no-token');
      for (const p of pending.values()) p.reject(new Error('Connection to winnow serve lost'));
      pending.clear();
      // Their frames go too: the user was told these calls failed, so a later socket must never run them.
      unsent.length = 0;
      if (!token) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 8000);
    });
  };
  connect();

  return {
    invoke<M extends MethodName>(method: M, args: Methods[M]['args']): Promise<Methods[M]['result']> {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, args });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (open) open.send(frame);
        else unsent.push(frame);
      });
    },
    on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const f = cb as (p: unknown) => void;
      set.add(f);
      return () => set.delete(f);
    },
    // No 'app.drop' ever comes: a page never learns where a dropped file lives on disk (and the disk
    // is the server's anyway).
    imageUrl: (id: number, size: ThumbSize) => `/img/${id}?size=${size}&token=${encodeURIComponent(token)}`,
  };
}
