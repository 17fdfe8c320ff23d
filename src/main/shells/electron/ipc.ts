// The Electron shell's wiring, written against minimal interfaces so it runs (and is tested) on plain
// Node: index.ts passes the real ipcMain / webContents / protocol objects.
import type { EventName, Events } from '../../../shared/contract.ts';
import type { Host } from '../../host/host.ts';
import { parseProtocolUrl } from '../../host/thumbs.ts';

export const INVOKE_CHANNEL = 'winnow:invoke';
export const EVENT_CHANNEL = 'winnow:event';
export const IMAGE_SCHEME = 'winnow-img';

export interface InvokeEvent {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** Replies are plain data: errors cross IPC as their message only (no stack, no main-side paths of code). */
export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Routes `winnow:invoke` to the host's dispatch. Calls from any frame but our own page are refused
 * (Electron's checklist: validate the sender of every IPC message).
 */
export function wireIpc(ipc: IpcMainLike, host: Pick<Host, 'dispatch'>, isOurPage: (url: string) => boolean): void {
  ipc.handle(INVOKE_CHANNEL, async (event, method, args): Promise<InvokeReply> => {
    const url = event.senderFrame?.url ?? '';
    if (!isOurPage(url)) return { ok: false, error: 'Refused: IPC from an unexpected page' };
    try {
      return { ok: true, result: await host.dispatch(method, args) };
    } catch (err) {
      return { ok: false, error: (err as Error).message ?? String(err) };
    }
  });
}

export interface SenderLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** The host's event sink for one window: events go out on one channel, named. */
export function eventForwarder(target: () => SenderLike | null) {
  return <E extends EventName>(event: E, payload: Events[E]): void => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload);
  };
}

/** `winnow-img://ID?size=N` → a thumbnail of catalog image ID; nothing else can be named. */
export async function imageProtocolResponse(host: Pick<Host, 'thumbs'>, url: string): Promise<Response> {
  const parsed = parseProtocolUrl(url);
  if (!parsed) return new Response('Bad image URL: winnow-img://<catalog image id>?size=128|256|512', { status: 400 });
  const r = await host.thumbs.respond(parsed.id, parsed.size);
  const body = typeof r.body === 'string' ? r.body : new Uint8Array(r.body);
  return new Response(body, { status: r.status, headers: { 'Content-Type': r.type, 'X-Content-Type-Options': 'nosniff' } });
}

/** Our page: the built renderer's index.html, or the dev server's origin while developing. */
export function pageMatcher(indexFileUrl: string, devUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devUrl ? new URL(devUrl).origin : null;
  return (url) => {
    if (url === indexFileUrl || url.startsWith(`${indexFileUrl}#`) || url.startsWith(`${indexFileUrl}?`)) return true;
    try {
      return devOrigin !== null && new URL(url).origin === devOrigin;
    } catch {
      return false;
    }
  };
}
