import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isEventName, isMethodName } from '../shared/contract.ts';

// The renderer gets exactly two calls, invoke and on, and only for names the contract declares
// (arguments are validated again in main: this check only turns typos into clear errors early). One
// event starts here rather than in main: 'app.drop' says where files dropped on the window live,
// which the sandboxed page cannot learn itself; a capture listener sends it before the page's own
// drop handlers run.
type Reply = { ok: true; result: unknown } | { ok: false; error: string };

const dropListeners = new Set<(payload: { paths: string[] }) => void>();

// The preload is type-checked without the DOM library: the little of the window it touches.
interface DropEventLike {
  dataTransfer?: { files?: ArrayLike<File> } | null;
}
const page = globalThis as unknown as { addEventListener?: (type: 'drop', fn: (e: DropEventLike) => void, capture: boolean) => void };
page.addEventListener?.(
  'drop',
  (e) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    // '' for a File the page made itself (not one the user dropped)
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    if (paths.length > 0) for (const listener of dropListeners) listener({ paths });
  },
  true,
);

contextBridge.exposeInMainWorld('winnow', {
  async invoke(method: string, args: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new Error(`Unknown method: ${method}`);
    const reply = (await ipcRenderer.invoke('winnow:invoke', method, args)) as Reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    if (event === 'app.drop') {
      dropListeners.add(callback);
      return () => dropListeners.delete(callback);
    }
    const listener = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('winnow:event', listener);
    return () => ipcRenderer.removeListener('winnow:event', listener);
  },
});
