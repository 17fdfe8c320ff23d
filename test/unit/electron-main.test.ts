// src/main/shells/electron/main.ts on plain Node with electron mocked: the window is locked down, the app menu is
// installed, its items reach the page as `app.command` events, and opening a catalog through IPC
// rebuilds File › Recent catalogs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-main-');
const sent: unknown[][] = [];
const menus: MenuItemConstructorOptions[][] = [];
const handlers = new Map<string, (event: { senderFrame: { url: string } }, ...args: unknown[]) => Promise<unknown>>();
const windows: { options: { webPreferences: Record<string, unknown> } }[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => windows;
    options: { webPreferences: Record<string, unknown> };
    webContents = {
      send: (...a: unknown[]) => void sent.push(a),
      isDestroyed: () => false,
      isLoading: () => false,
      once: () => {},
      on: () => {},
      setWindowOpenHandler: () => {},
    };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options;
      windows.push(this);
    }
    once(): void {}
    on(): void {}
    show(): void {}
    focus(): void {}
    loadFile = async () => {};
    loadURL = async () => {};
  }
  return {
    app: {
      getPath: () => join(tmp.path, 'userData'),
      whenReady: () => Promise.resolve(),
      on: () => {},
      quit: () => {},
      isPackaged: true,
    },
    BrowserWindow,
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (t: MenuItemConstructorOptions[]) => void menus.push(t),
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBox: async () => ({ response: 0 }) },
    ipcMain: { handle: (ch: string, fn: never) => void handlers.set(ch, fn) },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: { setPermissionRequestHandler: () => {} } },
    shell: { openExternal: async () => {} },
  };
});

const find = (items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined => {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = Array.isArray(item.submenu) ? find(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
};
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('Electron main process', () => {
  const page = pathToFileURL(join(import.meta.dirname, '../../src/renderer/index.html')).href;

  beforeAll(async () => {
    process.env['WINNOW_CONFIG_DIR'] = join(tmp.path, 'config');
    await import('../../src/main/shells/electron/main.ts');
    for (let i = 0; i < 50 && windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10)); // whenReady → createWindow
  });
  afterAll(() => tmp.cleanup());

  it('opens one sandboxed, context-isolated window without Node', () => {
    expect(windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });

  it('installs the app menu without developer items in a packaged app', () => {
    const menu = menus.at(-1)!;
    expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', '&Window', '&Help']));
    expect(find(menu, 'recent-none')).toBeDefined();
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
  });

  it('sends menu commands to the page as app.command events', () => {
    click(find(menus.at(-1)!, 'import'));
    click(find(menus.at(-1)!, 'open-records'));
    expect(sent).toEqual([
      ['winnow:event', 'app.command', { command: 'import' }],
      ['winnow:event', 'app.command', { command: 'open-records' }],
    ]);
  });

  it('a catalog opened over IPC appears in File › Recent catalogs, and its item reopens it', async () => {
    const file = join(tmp.path, 'flowers.winnow');
    const invoke = handlers.get('winnow:invoke')!;
    expect(await invoke({ senderFrame: { url: page } }, 'catalog.open', { path: file })).toMatchObject({ ok: true });
    expect(await invoke({ senderFrame: { url: page } }, 'catalog.recent', {})).toMatchObject({ ok: true, result: [{ path: file }] });
    const item = find(menus.at(-1)!, 'open-recent-0');
    expect(item?.label).toContain('flowers.winnow');
    sent.length = 0;
    click(item);
    expect(sent).toEqual([['winnow:event', 'app.command', { command: 'open-recent', path: file }]]);
    click(find(menus.at(-1)!, 'clear-recent'));
    expect(find(menus.at(-1)!, 'recent-none')).toBeDefined();
  });
});
