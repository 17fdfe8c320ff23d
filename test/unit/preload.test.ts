// The preload on plain Node with electron mocked: it exposes exactly invoke/on, only for contract
// names, turns main's { ok: false } replies into errors, and reports dropped files' paths as the
// 'app.drop' event before the page's own drop handlers.
import { beforeAll, describe, expect, it, vi } from 'vitest';

// A stand-in for the page's window: the preload registers its capture listener for drops here.
const pageListeners: { type: string; fn: (e: unknown) => void; capture: boolean }[] = [];
(globalThis as unknown as { addEventListener: unknown }).addEventListener = (type: string, fn: (e: unknown) => void, capture: boolean) =>
  pageListeners.push({ type, fn, capture });

const exposed: Record<string, unknown> = {};
const invokeCalls: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invokeCalls.push(args);
      return args[1] === 'app.info' ? { ok: true, result: { name: 'Winnow' } } : { ok: false, error: 'limit must be …' };
    },
    on: () => {},
    removeListener: () => {},
  },
  webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
}));

interface Bridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, cb: (p: unknown) => void): () => void;
}

describe('preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../src/preload/index.ts');
    bridge = exposed['winnow'] as Bridge;
  });

  it('exposes only invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['winnow']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('reports the paths of dropped files as app.drop, from a capture listener, and nothing for files the page made', () => {
    const drops = pageListeners.filter((l) => l.type === 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]!.capture).toBe(true);
    const seen: unknown[] = [];
    const off = bridge.on('app.drop', (p) => seen.push(p));
    drops[0]!.fn({ dataTransfer: { files: [{ path: '/data/flowers' }, {}] } });
    drops[0]!.fn({ dataTransfer: { files: [{}] } });
    drops[0]!.fn({ dataTransfer: null });
    off();
    drops[0]!.fn({ dataTransfer: { files: [{ path: '/data/other' }] } });
    expect(seen).toEqual([{ paths: ['/data/flowers'] }]);
  });

  it('forwards contract methods on one channel and unwraps replies', async () => {
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ name: 'Winnow' });
    await expect(bridge.invoke('images.list', { limit: 0 })).rejects.toThrow('limit must be');
    expect(invokeCalls.map((c) => c[0])).toEqual(['winnow:invoke', 'winnow:invoke']);
  });

  it('refuses names outside the contract before they reach main', async () => {
    await expect(bridge.invoke('fs.readFile', { path: '/etc/passwd' })).rejects.toThrow(/Unknown method/);
    expect(() => bridge.on('anything', () => {})).toThrow(/Unknown event/);
    expect(invokeCalls).toHaveLength(2);
  });
});
