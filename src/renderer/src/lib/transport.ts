// One Api for the renderer whatever the shell: Electron's preload (window.winnow) or a WebSocket to
// `winnow serve`. Screens only ever see the Api interface from the contract.
import type { Api, EventName, Events, MethodName, Methods, ThumbSize } from '../../../shared/contract.ts';
import { connectionState } from '../state/connection.svelte.ts';

interface PreloadApi {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    winnow?: PreloadApi;
  }
}

function ipcApi(bridge: PreloadApi): Api {
  connectionState.set('open');
  return {
    invoke: (method, args) => bridge.invoke(method, args) as never,
    on: (event, cb) => bridge.on(event, cb as (p: unknown) => void),
    imageUrl: (id, size) => `winnow-img://${id}/?size=${size}`,
  };
}

const TOKEN_KEY = 'winnow.token';

/** The token arrives once in the URL (as Jupyter's); keep it for this tab and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

function socketApi(): Api {
  const token = takeToken();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;
  let retryMs = 500;

  const connect = (): void => {
    const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
    ws = socket;
    socket.onopen = () => {
      retryMs = 500;
      connectionState.set('open');
      for (const frame of queue.splice(0)) socket.send(frame);
    };
    socket.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; ok?: boolean; result?: unknown; error?: string; event?: string; payload?: unknown };
      if (msg.event !== undefined) {
        for (const cb of listeners.get(msg.event) ?? []) cb(msg.payload);
        return;
      }
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id!);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error ?? 'Unknown error'));
    };
    socket.onclose = () => {
      ws = null;
      connectionState.set(token ? 'lost' : 'no-token');
      for (const p of pending.values()) p.reject(new Error('Connection to winnow serve lost'));
      pending.clear();
      if (!token) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 8000);
    };
  };
  connect();

  return {
    invoke<M extends MethodName>(method: M, args: Methods[M]['args']): Promise<Methods[M]['result']> {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, args });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (ws?.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
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

export const api: Api = window.winnow ? ipcApi(window.winnow) : socketApi();
