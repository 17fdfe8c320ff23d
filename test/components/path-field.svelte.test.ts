// PathField: server-side completion in a text field. What matters to a user is where focus goes and
// what the field holds after Tab, arrows and Enter; keydown's default must be decided synchronously
// (a preventDefault after an await comes too late: the browser has already moved focus).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import PathField from '../../src/renderer/src/components/PathField.svelte';
import { answer, calls, resetFakeApi } from './fake-api.ts';

vi.mock('../../src/renderer/src/lib/transport.ts', async () => ({ api: (await import('./fake-api.ts')).fakeApi }));

const TREE = ['/data/photos/', '/data/photos-old/', '/data/plants/', '/data/readme.txt'];

let host: HTMLElement;
let field: ReturnType<typeof mount> | null = null;
// The props object the component's bindable `value` writes back into (as bind:value would).
let props = $state({ id: 'src', label: 'Folder', value: '', kind: 'dir' as const });

function render(initial: string): HTMLInputElement {
  props = { id: 'src', label: 'Folder', value: initial, kind: 'dir' as const };
  field = mount(PathField, { target: host, props });
  flushSync();
  return host.querySelector('input')!;
}

const current = (): string => props.value;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  flushSync();
}

function key(input: HTMLInputElement, k: string): boolean {
  const ev = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  return input.dispatchEvent(ev); // false when the component prevented the default synchronously
}

beforeEach(() => {
  resetFakeApi();
  answer('fs.complete', ({ prefix }) => ({
    entries: TREE.filter((p) => p.startsWith(prefix)).map((path) => ({ path, dir: path.endsWith('/') })),
  }));
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  if (field) void unmount(field);
  field = null;
  host.remove();
});

describe('PathField', () => {
  it('Tab after the suggestions arrived completes the common prefix and keeps focus (default prevented at once)', async () => {
    const input = render('/data/pl');
    input.dispatchEvent(new FocusEvent('focus'));
    await settle();
    expect(calls.map((c) => c.method)).toEqual(['fs.complete']);
    const defaultAllowed = key(input, 'Tab');
    expect(defaultAllowed).toBe(false);
    await settle();
    expect(current()).toBe('/data/plants/');
  });

  it('Tab with nothing to add lets focus move on', async () => {
    const input = render('/data/photos/');
    input.dispatchEvent(new FocusEvent('focus'));
    await settle();
    expect(key(input, 'Tab')).toBe(true);
    await settle();
    expect(current()).toBe('/data/photos/');
  });

  it('Tab on a shared prefix completes to it and lists the choices; arrows and Enter pick one', async () => {
    const input = render('/data/ph');
    input.dispatchEvent(new FocusEvent('focus'));
    await settle();
    expect(key(input, 'Tab')).toBe(false);
    await settle();
    expect(current()).toBe('/data/photos');
    const options = [...host.querySelectorAll('[role=option]')].map((o) => o.textContent?.replace(/^[▸·]/, ''));
    expect(options).toEqual(['/data/photos/', '/data/photos-old/']);
    expect(key(input, 'ArrowDown')).toBe(false);
    await settle();
    expect(key(input, 'ArrowDown')).toBe(false);
    await settle();
    expect(input.getAttribute('aria-activedescendant')).toBe('src-list-1');
    expect(key(input, 'Enter')).toBe(false);
    await settle();
    expect(current()).toBe('/data/photos-old/');
  });

  it('Escape closes the list and leaves the text as typed', async () => {
    const input = render('/data/p');
    input.dispatchEvent(new FocusEvent('focus'));
    await settle();
    expect(key(input, 'ArrowDown')).toBe(false);
    await settle();
    expect(host.querySelectorAll('[role=option]')).toHaveLength(3);
    key(input, 'Escape');
    await settle();
    expect(host.querySelectorAll('[role=option]')).toHaveLength(0);
    expect(current()).toBe('/data/p');
  });

  it('Tab pressed before the suggestions arrive keeps focus and completes when they do', async () => {
    const input = render('/data/pl'); // no focus event: nothing asked yet
    expect(key(input, 'Tab')).toBe(false);
    await settle();
    expect(current()).toBe('/data/plants/');
  });

  it('a failed completion shows no list, keeps the text and lets Tab move on', async () => {
    answer('fs.complete', () => {
      throw new Error('host gone');
    });
    const input = render('/data/x');
    input.dispatchEvent(new FocusEvent('focus'));
    await settle();
    expect(key(input, 'Tab')).toBe(true);
    await settle();
    expect(current()).toBe('/data/x');
    expect(host.querySelectorAll('[role=option]')).toHaveLength(0);
  });
});
