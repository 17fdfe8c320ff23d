import type { MethodName, Methods } from '../shared/contract.ts';
import { isMethodName } from '../shared/contract.ts';
import { WINNOW_VERSION } from './core/version.ts';

// One handler map (as in Actual Budget) serves every shell: Electron IPC now, the browser host later.
type Handler<M extends MethodName> = (args: Methods[M]['args']) => Promise<Methods[M]['result']>;
export type HandlerMap = { [M in MethodName]: Handler<M> };

export const handlers: HandlerMap = {
  async 'app.info'() {
    return { name: 'Winnow', version: WINNOW_VERSION, node: process.versions.node, platform: process.platform };
  },
};

export async function dispatch(method: unknown, args: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new Error(`Unknown method: ${String(method)}`);
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new Error(`${method}: arguments must be an object`);
  }
  const handler = handlers[method] as (a: unknown) => Promise<unknown>;
  return handler(args ?? {});
}
