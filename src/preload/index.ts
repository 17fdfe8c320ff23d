import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isEventName, isMethodName } from '../shared/contract.ts';

// The renderer gets exactly two calls into main, and only for names the contract declares (arguments are
// validated again in main: this check only turns typos into clear errors early), plus pathForFile,
// which only tells where a file the user dropped on the window is: sandboxed pages cannot see it.
type Reply = { ok: true; result: unknown } | { ok: false; error: string };

contextBridge.exposeInMainWorld('winnow', {
  async invoke(method: string, args: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new Error(`Unknown method: ${method}`);
    const reply = (await ipcRenderer.invoke('winnow:invoke', method, args)) as Reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    const listener = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('winnow:event', listener);
    return () => ipcRenderer.removeListener('winnow:event', listener);
  },
  pathForFile(file: File): string | null {
    // '' for a File the page made itself (not from a drop or an <input type=file>)
    return webUtils.getPathForFile(file) || null;
  },
});
