import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { AppCommand, Methods } from '../../../shared/contract.ts';
import { WINNOW_VERSION } from '../../core/version.ts';
import { Host } from '../../host/host.ts';
import { fileLog } from '../../host/log.ts';
import { aboutBox, menuTemplate } from './menu.ts';
import { eventForwarder, IMAGE_SCHEME, imageProtocolResponse, pageMatcher, wireIpc } from './ipc.ts';
import { RecentCatalogs } from '../../host/recent.ts';

// The bundle is out/main/index.js beside out/renderer and out/preload; from sources (tests) this
// module sits three folders below src/, beside src/renderer.
const here = dirname(fileURLToPath(import.meta.url));
const outDir = import.meta.url.endsWith('.ts') ? join(here, '../../..') : join(here, '..');
const indexHtml = join(outDir, 'renderer/index.html');
const devUrl = process.env['ELECTRON_RENDERER_URL'];

// The thin Electron shell: one locked-down window; all work goes through the same Host as `winnow serve`.
// Must run before `ready`: a standard, secure scheme gets a proper origin and fetch support.
protocol.registerSchemesAsPrivileged([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;

async function openDialog(args: Methods['dialog.open']['args']): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: args.title ?? (args.kind === 'folder' ? 'Choose a folder of images' : 'Choose a file'),
    properties: args.kind === 'folder' ? ['openDirectory'] : args.kind === 'catalog' ? ['openFile', 'promptToCreate'] : ['openFile'],
    ...(args.kind === 'catalog'
      ? {
          filters: [
            { name: 'Winnow catalog', extensions: ['winnow'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : {}),
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

const emit = eventForwarder(() => win?.webContents ?? null);
const recent = new RecentCatalogs(process.env['WINNOW_CONFIG_DIR'] ?? app.getPath('userData'));
// Linux desktops differ in how shell.trashItem finds a trash (gio, kioclient...): the core's
// freedesktop.org implementation is used there, the system's own trash elsewhere.
const trashItem = process.platform === 'linux' ? undefined : (path: string): Promise<void> => shell.trashItem(path);
// openPath resolves to '' or an error text; the Host passes only its last export folder.
const revealFolder = (path: string): Promise<string> => shell.openPath(path);
// Bugs go to a log file the user can send; the window shows only "Internal error — details in <file>".
const log = fileLog(join(app.getPath('logs'), 'winnow.log'));
const host = new Host({ shell: 'electron', emit, openDialog, recent, revealFolder, log, ...(trashItem ? { trashItem } : {}) });
wireIpc(ipcMain, host, pageMatcher(pathToFileURL(indexHtml).href, devUrl));

function command(name: AppCommand, path?: string): void {
  if (!win) createWindow();
  win?.show();
  win?.focus();
  // A window just created is still loading: its listeners exist once the page has run its scripts.
  const send = (): void => emit('app.command', path === undefined ? { command: name } : { command: name, path });
  if (win?.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}

function buildMenu(): void {
  const template = menuTemplate({
    platform: process.platform,
    dev: !app.isPackaged,
    recent: recent.list(),
    command,
    clearRecent: () => recent.clear(),
    about: () => {
      const box = aboutBox(WINNOW_VERSION, process.versions);
      void (win ? dialog.showMessageBox(win, { type: 'info', ...box }) : dialog.showMessageBox({ type: 'info', ...box }));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
recent.onChange(buildMenu);

function createWindow(): void {
  win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Winnow',
    webPreferences: {
      preload: join(outDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(indexHtml);
}

void app.whenReady().then(() => {
  protocol.handle(IMAGE_SCHEME, (req) => imageProtocolResponse(host, req.url));
  // The page asks for nothing: no camera, notifications, geolocation...
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing) return;
  closing = true;
  event.preventDefault();
  void host.close().finally(() => app.quit());
});
