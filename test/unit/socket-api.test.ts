// The browser transport against a fake WebSocket: calls made before the socket opens are sent when
// it opens, and a call the UI was told had failed is never sent on a later socket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketApi, type SocketLike, type SocketStatus } from '../../src/renderer/src/lib/socket-api.ts';

type Listener = (e: { data: unknown }) => void;

/** One socket the transport opened; the test plays the server's side of it. */
class FakeSocket implements SocketLike {
  static made: FakeSocket[] = [];
  readonly sent: { id: number; method: string; args: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  readonly url: string;

  constructor(url: string) {
    this.url = url;
    FakeSocket.made.push(this);
  }

  send(frame: string): void {
    this.sent.push(JSON.parse(frame) as { id: number; method: string; args: unknown });
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  private fire(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }

  open(): void {
    this.fire('open');
  }

  close(): void {
    this.fire('close');
  }

  answer(id: number, result: unknown): void {
    this.fire('message', JSON.stringify({ id, ok: true, result }));
  }
}

const statuses: SocketStatus[] = [];
const start = (href = 'http://127.0.0.1:8765/?token=abc') => {
  const stored = new Map<string, string>();
  return socketApi({
    WebSocket: FakeSocket,
    location: { href, host: new URL(href).host },
    history: { state: null, replaceState: () => undefined },
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    setStatus: (s) => statuses.push(s),
  });
};
const latest = (): FakeSocket => FakeSocket.made.at(-1)!;
const decide = { kind: 'keep', cluster: 1, sha256: 'ab'.repeat(32) } as const;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  statuses.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('socketApi', () => {
  it('sends a call made before the first connection opens once it opens, and resolves with the answer', async () => {
    const api = start();
    expect(latest().url).toBe('ws://127.0.0.1:8765/ws?token=abc');
    const call = api.invoke('dups.decide', decide);
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ id: 1, method: 'dups.decide', args: decide }]);
    latest().answer(1, { message: 'kept' });
    await expect(call).resolves.toEqual({ message: 'kept' });
  });

  it('never sends a call on a later socket once its promise was rejected', async () => {
    const api = start();
    const first = latest();
    first.open();
    first.close(); // the server went away
    expect(statuses).toEqual(['open', 'lost']);

    // Made while the socket is down: waits for the next one, which fails to connect.
    const call = api.invoke('dups.decide', decide);
    const failed = expect(call).rejects.toThrow(/Connection to winnow serve lost/);
    await vi.advanceTimersByTimeAsync(500);
    const second = latest();
    expect(second).not.toBe(first);
    second.close();
    await failed;

    // The UI has shown that decision as failed: the socket that does connect must not run it.
    await vi.advanceTimersByTimeAsync(1000);
    const third = latest();
    expect(third).not.toBe(second);
    third.open();
    expect(third.sent).toEqual([]);
    expect(statuses.at(-1)).toBe('open');

    // Later calls go through as usual.
    const next = api.invoke('catalog.summary', {});
    expect(third.sent.map((f) => f.method)).toEqual(['catalog.summary']);
    third.answer(third.sent[0]!.id, null);
    await expect(next).resolves.toBeNull();
  });

  it('rejects a call in flight when its socket closes and does not resend it', async () => {
    const api = start();
    latest().open();
    const call = api.invoke('dups.decide', decide);
    expect(latest().sent).toHaveLength(1);
    latest().close();
    await expect(call).rejects.toThrow(/lost/);
    await vi.advanceTimersByTimeAsync(500);
    latest().open();
    expect(latest().sent).toEqual([]);
  });
});
