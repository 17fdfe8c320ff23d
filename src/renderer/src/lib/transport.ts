// One Api for the renderer whatever the shell: Electron's preload (window.winnow) or a WebSocket to
// `winnow serve`. Screens only ever see the Api interface from the contract.
import type { Api } from '../../../shared/contract.ts';
import { connectionState } from '../state/connection.svelte.ts';
import { socketApi } from './socket-api.ts';

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

export const api: Api = window.winnow
  ? ipcApi(window.winnow)
  : socketApi({ WebSocket, location, history, storage: sessionStorage, setStatus: (s) => connectionState.set(s) });
