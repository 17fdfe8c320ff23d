import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { Methods } from '../shared/contract.ts';
import { Host } from './handlers.ts';
import { eventForwarder, IMAGE_SCHEME, imageProtocolResponse, pageMatcher, wireIpc } from './serve/ipc.ts';

const here = dirname(fileURLToPath(import.meta.url));
const indexHtml = join(here, '../renderer/index.html');
const devUrl = process.env['ELECTRON_RENDERER_URL'];

// The thin Electron shell: one locked-down window; all work goes through the same Host as `winnow serve`.
// Must run before `ready`: a standard, secure scheme gets a proper origin and fetch support.
protocol.registerSchemesAsPrivileged([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;

async function openDialog(args: Methods['dialog.open']['args']): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: args.title ?? (args.kind === 'folder' ? 'Choose a folder of images' : 'Choose a file'),
    properties: args.kind === 'folder' ? ['openDirectory'] : args.kind === 'catalog' ? ['openFile', 'promptToCreate'] : ['openFile'],
    ...(args.kind === 'catalog' ? { filters: [{ name: 'Winnow catalog', extensions: ['winnow'] }, { name: 'All files', extensions: ['*'] }] } : {}),
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

const host = new Host({ shell: 'electron', emit: eventForwarder(() => win?.webContents ?? null), openDialog });
wireIpc(ipcMain, host, pageMatcher(pathToFileURL(indexHtml).href, devUrl));

function createWindow(): void {
  win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Winnow',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
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
