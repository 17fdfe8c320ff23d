// The one typed API shared by the Electron IPC shell, the browser host and the renderer.
// Methods are named `domain.verb`; every argument is validated where it enters main.

export interface AppInfo {
  name: string;
  version: string;
  node: string;
  platform: string;
}

export interface Methods {
  'app.info': { args: Record<string, never>; result: AppInfo };
}

export type MethodName = keyof Methods;
export const METHOD_NAMES: readonly MethodName[] = ['app.info'];

export interface Events {
  'job.progress': { jobId: string; done: number; total: number; ratePerSec: number; etaSec: number | null };
}

export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['job.progress'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
