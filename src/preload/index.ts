import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isMethodName } from '../shared/contract.ts';

// The renderer gets exactly two functions, and only for names the contract declares.
contextBridge.exposeInMainWorld('winnow', {
  invoke(method: string, args: unknown): Promise<unknown> {
    if (!isMethodName(method)) return Promise.reject(new Error(`Unknown method: ${method}`));
    return ipcRenderer.invoke('winnow:invoke', method, args);
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    const listener = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('winnow:event', listener);
    return () => ipcRenderer.removeListener('winnow:event', listener);
  },
});
