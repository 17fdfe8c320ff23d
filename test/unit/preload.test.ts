// The preload on plain Node with electron mocked: it exposes exactly invoke/on, only for contract
// names, and turns main's { ok: false } replies into errors.
import { beforeAll, describe, expect, it, vi } from 'vitest';

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
  pathForFile(file: unknown): string | null;
}

describe('preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../src/preload/index.ts');
    bridge = exposed['winnow'] as Bridge;
  });

  it('exposes only invoke, on and pathForFile', () => {
    expect(Object.keys(exposed)).toEqual(['winnow']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('pathForFile answers a dropped file\'s path, and null for a file the page made', () => {
    expect(bridge.pathForFile({ path: '/data/flowers' })).toBe('/data/flowers');
    expect(bridge.pathForFile({})).toBeNull();
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
