// The Electron app menu as data, on plain Node: the shortcuts, and that every item either uses an
// Electron role or sends a command the page knows (APP_COMMANDS) or that main handles itself.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, EVENT_NAMES, isEventName, type AppCommand } from '../../src/shared/contract.ts';
import { aboutBox, menuTemplate, SHORTCUTS, type MenuContext } from '../../src/main/shells/electron/menu.ts';

type Call = { command: AppCommand; path?: string } | 'about' | 'clear-recent';

function build(over: Partial<MenuContext> = {}) {
  const calls: Call[] = [];
  const ctx: MenuContext = {
    platform: 'linux',
    dev: false,
    recent: [],
    command: (command, path) => void calls.push(path === undefined ? { command } : { command, path }),
    clearRecent: () => void calls.push('clear-recent'),
    about: () => void calls.push('about'),
    ...over,
  };
  return { template: menuTemplate(ctx), calls };
}

/** Every item, depth first, with the top-level menu it sits in. */
function items(template: MenuItemConstructorOptions[], top = ''): { item: MenuItemConstructorOptions; menu: string }[] {
  return template.flatMap((item) => {
    const menu = top || String(item.label ?? item.role).replace('&', '');
    const sub = Array.isArray(item.submenu) ? items(item.submenu, menu) : [];
    return [{ item, menu }, ...sub];
  });
}
const byId = (template: MenuItemConstructorOptions[], id: string) => items(template).find((x) => x.item.id === id)?.item;
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('app menu', () => {
  it('has File, Edit, View, Window and Help on Windows/Linux, plus the app menu on macOS', () => {
    expect(build().template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(build({ platform: 'darwin' }).template.map((m) => m.label)).toEqual(['Winnow', '&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('binds the usual shortcuts', () => {
    const { template } = build();
    expect(byId(template, 'open-catalog')).toMatchObject({ label: 'Open catalog…', accelerator: 'CmdOrCtrl+O' });
    expect(byId(template, 'import')).toMatchObject({ label: 'Import folder…', accelerator: 'CmdOrCtrl+I' });
    expect(byId(template, 'open-records')).toMatchObject({ label: 'Open records…', accelerator: 'CmdOrCtrl+Shift+O' });
    const roles = items(template).map((x) => `${x.menu}:${x.item.role ?? ''}`);
    expect(roles).toEqual(
      expect.arrayContaining([
        'File:quit',
        'Edit:undo',
        'Edit:redo',
        'Edit:copy',
        'Edit:paste',
        'Edit:selectAll',
        'View:zoomIn',
        'View:zoomOut',
        'View:resetZoom',
        'View:togglefullscreen',
        'Window:minimize',
      ]),
    );
    expect(items(template).find((x) => x.item.role === 'quit')!.item.accelerator).toBe('CmdOrCtrl+Q');
  });

  it('no two items share an accelerator, and none takes the keys the screens use', () => {
    const accels = items(build({ dev: true, recent: [{ path: '/d/a.winnow', openedAt: 1 }] }).template).flatMap((x) =>
      x.item.accelerator ? [x.item.accelerator] : [],
    );
    expect(new Set(accels).size).toBe(accels.length);
    for (const a of accels) expect(a).not.toMatch(/^(Alt\+[1-4]|[1-9nu]|Shift\+U)$/i);
    expect(Object.values(SHORTCUTS)).toEqual(expect.arrayContaining(accels.filter((a) => a !== 'CmdOrCtrl+Q')));
  });

  it('shows reload and DevTools only while developing', () => {
    const roles = (dev: boolean) =>
      items(build({ dev }).template)
        .map((x) => x.item.role)
        .filter(Boolean);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('every clickable item sends a known command or is handled in main; the rest are Electron roles', () => {
    const recent = [
      { path: '/data/flowers.winnow', openedAt: 2 },
      { path: '/data/R&D/cells.winnow', openedAt: 1 },
    ];
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template, calls } = build({ platform, recent, dev: true });
      for (const { item } of items(template)) {
        if (item.type === 'separator' || Array.isArray(item.submenu)) continue;
        if (item.click) click(item);
        else if (item.enabled !== false) expect(item.role, `${String(item.label)} needs a role or a click`).toBeTruthy();
      }
      const commands = calls.filter((c): c is Exclude<Call, string> => typeof c === 'object');
      for (const c of commands) expect(APP_COMMANDS).toContain(c.command);
      expect(commands).toEqual([
        { command: 'open-catalog' },
        { command: 'open-recent', path: '/data/flowers.winnow' },
        { command: 'open-recent', path: '/data/R&D/cells.winnow' },
        { command: 'import' },
        { command: 'open-records' },
      ]);
      expect(calls.filter((c) => c === 'about')).toHaveLength(platform === 'darwin' ? 2 : 1);
      expect(calls).toContain('clear-recent');
    }
    // The page hears them as one contract event.
    expect(isEventName('app.command')).toBe(true);
    expect(EVENT_NAMES).toContain('app.command');
  });

  it('lists recent catalogs by name and folder, escaping & so it is not read as a mnemonic', () => {
    const { template } = build({ recent: [{ path: '/data/R&D/cells.winnow', openedAt: 1 }] });
    const sub = byId(template, 'recent')!.submenu as MenuItemConstructorOptions[];
    expect(sub[0]).toMatchObject({ label: 'cells.winnow  —  /data/R&&D', toolTip: '/data/R&D/cells.winnow' });
    expect(sub.at(-1)).toMatchObject({ id: 'clear-recent' });
    const empty = byId(build().template, 'recent')!.submenu as MenuItemConstructorOptions[];
    expect(empty).toEqual([{ id: 'recent-none', label: 'No recent catalogs', enabled: false }]);
  });

  it('About shows the version and what it runs on', () => {
    const box = aboutBox('1.2.3', { electron: '45.4.1', chrome: '140.0', node: '22.20.0' });
    expect(box.message).toBe('Winnow 1.2.3');
    expect(box.detail).toContain('Electron 45.4.1 · Chrome 140.0 · Node 22.20.0');
    expect(aboutBox('1.2.3', { node: '22.1.0' }).detail).toMatch(/\nNode 22\.1\.0$/);
  });
});
