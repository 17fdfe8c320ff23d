// The Electron app menu as plain data: index.ts hands it to Menu.buildFromTemplate. Only types come
// from electron, so the template (shortcuts, which command each item sends) is tested on plain Node.
// Items that act on the page send an `app.command` event; the page decides what it means (which
// screen, which dialog), exactly as if the user had clicked its own buttons.
import { basename, dirname } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentCatalog } from '../../../shared/contract.ts';

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Reload and DevTools are for developing Winnow, not for using it. */
  dev: boolean;
  recent: RecentCatalog[];
  /** Sends one command to the page (opening the window first if needed). */
  command(command: AppCommand, path?: string): void;
  clearRecent(): void;
  about(): void;
}

/** The shortcuts users look for; the renderer's own keys (Alt+1..4, 1–9, u) stay free. */
export const SHORTCUTS = {
  'open-catalog': 'CmdOrCtrl+O',
  import: 'CmdOrCtrl+I',
  'open-records': 'CmdOrCtrl+Shift+O',
} as const satisfies Partial<Record<AppCommand, string>>;

/** Help › About: the version first, then what it runs on (what a bug report needs). */
export function aboutBox(
  version: string,
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>,
): { title: string; message: string; detail: string } {
  const parts = (['electron', 'chrome', 'node'] as const)
    .filter((k) => versions[k])
    .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${versions[k]}`);
  return {
    title: 'About Winnow',
    message: `Winnow ${version}`,
    detail: `Image dataset manager: catalog, near-duplicates, folds, TFRecord export.\n${parts.join(' · ')}`,
  };
}

/** Menu labels treat '&' as a mnemonic marker on Windows/Linux; a path must show as typed. */
const literal = (text: string): string => text.replace(/&/g, '&&');

function recentItems(ctx: MenuContext): MenuItemConstructorOptions[] {
  if (ctx.recent.length === 0) return [{ id: 'recent-none', label: 'No recent catalogs', enabled: false }];
  return [
    ...ctx.recent.map((r, i): MenuItemConstructorOptions => ({
      id: `open-recent-${i}`,
      label: literal(`${basename(r.path)}  —  ${dirname(r.path)}`),
      toolTip: r.path,
      click: () => ctx.command('open-recent', r.path),
    })),
    { type: 'separator' },
    { id: 'clear-recent', label: 'Clear recent catalogs', click: () => ctx.clearRecent() },
  ];
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: 'About Winnow', click: () => ctx.about() };
  const file: MenuItemConstructorOptions[] = [
    { id: 'open-catalog', label: 'Open catalog…', accelerator: SHORTCUTS['open-catalog'], click: () => ctx.command('open-catalog') },
    { id: 'recent', label: 'Recent catalogs', submenu: recentItems(ctx) },
    { type: 'separator' },
    { id: 'import', label: 'Import folder…', accelerator: SHORTCUTS.import, click: () => ctx.command('import') },
    { id: 'open-records', label: 'Open records…', accelerator: SHORTCUTS['open-records'], click: () => ctx.command('open-records') },
    { type: 'separator' },
    mac ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
  ];
  const edit: MenuItemConstructorOptions[] = [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
    { role: 'delete' },
    { role: 'selectAll' },
  ];
  const view: MenuItemConstructorOptions[] = [
    ...(ctx.dev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const windowMenu: MenuItemConstructorOptions[] = mac
    ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
    : [{ role: 'minimize' }, { role: 'close' }];

  return [
    ...(mac
      ? [
          {
            label: 'Winnow',
            submenu: [
              about,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { label: '&File', submenu: file },
    { label: '&Edit', submenu: edit },
    { label: '&View', submenu: view },
    { label: '&Window', submenu: windowMenu },
    { label: '&Help', role: 'help', submenu: [about] },
  ];
}
