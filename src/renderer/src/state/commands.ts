// Commands from the Electron app menu (File › Open catalog…, Import folder…, …). The screen that can
// carry one out may not be mounted yet when it arrives: the command waits until that screen's
// component registers its handler, then runs once.
import type { AppCommand, Events } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import { catalog } from './catalog.svelte.ts';
import { route, type ScreenId } from './route.svelte.ts';
import { viewer } from './viewer.svelte.ts';

type Payload = Events['app.command'];
type Handler = (payload: Payload) => void;

const SCREEN: Record<AppCommand, ScreenId> = {
  'open-catalog': 'library',
  'open-recent': 'library',
  import: 'library',
  'open-records': 'viewer',
};

const handlers = new Map<AppCommand, Handler>();
const pending = new Map<AppCommand, Payload>();

/** A component takes charge of a command while mounted; returns the unregister function. */
export function handleCommand(command: AppCommand, handler: Handler): () => void {
  handlers.set(command, handler);
  const waiting = pending.get(command);
  if (waiting) {
    pending.delete(command);
    queueMicrotask(() => handler(waiting));
  }
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

/** Focuses a field of the screen just switched to, once the screen has rendered it. */
export function focusWhenShown(id: string, frames = 30): void {
  const el = document.getElementById(id);
  if (el) el.focus();
  else if (frames > 0) requestAnimationFrame(() => focusWhenShown(id, frames - 1));
}

/** The native picker where there is one; else the screen's path field gets the focus. */
async function pick(kind: 'catalog' | 'file', title: string, fieldId: string): Promise<string | null> {
  try {
    const r = await api.invoke('dialog.open', { kind, title });
    if (r.path) return r.path;
    if (r.unsupported) focusWhenShown(fieldId);
  } catch (err) {
    catalog.error = (err as Error).message;
  }
  return null;
}

// Defaults that need no mounted component: both stores are global.
handleCommand('open-catalog', () => {
  void pick('catalog', 'Open or create a catalog', 'catalog-path').then((p) => {
    if (p) void catalog.open(p);
  });
});
handleCommand('open-records', () => {
  void pick('file', 'Open a TFRecord file', 'viewer-path').then((p) => {
    if (p) void viewer.open(p);
  });
});

export function runCommand(payload: Payload): void {
  if (payload.command === 'open-recent') {
    route.go('library');
    if (payload.path) void catalog.open(payload.path);
    return;
  }
  if (payload.command === 'import' && !catalog.summary) {
    route.go('library');
    catalog.error = 'Open or create a catalog first (File › Open catalog…), then import a folder into it.';
    return;
  }
  route.go(SCREEN[payload.command]);
  const handler = handlers.get(payload.command);
  if (handler) handler(payload);
  else pending.set(payload.command, payload);
}

api.on('app.command', runCommand);
