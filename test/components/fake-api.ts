// A stand-in for the renderer's transport (lib/transport.ts): each test says what the host answers,
// per method, and reads back what was asked. Tests mock the transport module with `fakeApi`.
import type { Api, EventName, Events, MethodName, Methods } from '../../src/shared/contract.ts';

type Answer<M extends MethodName> = (args: Methods[M]['args']) => Methods[M]['result'] | Promise<Methods[M]['result']>;

export const calls: { method: MethodName; args: unknown }[] = [];
const answers = new Map<MethodName, (args: unknown) => unknown>();

export function answer<M extends MethodName>(method: M, fn: Answer<M>): void {
  answers.set(method, fn as (args: unknown) => unknown);
}

const listeners = new Map<EventName, Set<(payload: never) => void>>();

/** Delivers an event as the host would push it. */
export function emit<E extends EventName>(event: E, payload: Events[E]): void {
  for (const cb of listeners.get(event) ?? []) cb(payload as never);
}

/** Forgets calls and answers; listeners stay (stores subscribe once, when their module loads). */
export function resetFakeApi(): void {
  calls.length = 0;
  answers.clear();
}

export const fakeApi: Api = {
  invoke: async (method, args) => {
    calls.push({ method, args });
    const fn = answers.get(method);
    if (!fn) throw new Error(`no answer set for ${method}`);
    return (await fn(args)) as never;
  },
  on: (event, cb) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(cb);
    return () => set.delete(cb);
  },
  imageUrl: (id, size) => `/img/${id}?size=${size}`,
};
