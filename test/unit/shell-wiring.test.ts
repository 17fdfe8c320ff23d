// The Electron shell's logic on plain Node: IPC routing and sender checks, argument validation, the
// winnow-img:// protocol (by catalog id only, never a path) and the thumbnail cache.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateArgs, type EventName, type Events } from '../../src/shared/contract.ts';
import { Host } from '../../src/main/host/host.ts';
import { eventForwarder, imageProtocolResponse, pageMatcher, wireIpc, type InvokeEvent } from '../../src/main/shells/electron/ipc.ts';
import { parseImageId, parseImagePath, parseProtocolUrl } from '../../src/main/host/thumbs.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

describe('contract argument validation', () => {
  const bad: [string, unknown][] = [
    ['images.list', { offset: -1, limit: 10 }],
    ['images.list', { offset: 0, limit: 0 }],
    ['images.list', { offset: 0, limit: 100_000 }],
    ['images.list', { offset: '0', limit: 10 }],
    ['images.list', { offset: 0.5, limit: 10 }],
    ['images.list', { offset: 0, limit: 10, status: 'deleted' }],
    ['images.list', { offset: 0, limit: 10, sql: '1=1' }],
    ['catalog.open', {}],
    ['catalog.open', { path: '' }],
    ['catalog.open', { path: '/tmp/a\0.winnow' }],
    ['catalog.open', { path: ['/tmp/a'] }],
    ['import.start', { folder: '/data', labels: 'csv' }],
    ['import.start', { folder: '/data', labels: { csv: 42 } }],
    ['job.cancel', {}],
    ['app.info', { extra: true }],
    ['app.info', []],
    ['app.info', 'x'],
    ['dialog.open', { kind: 'anything' }],
  ];
  it.each(bad)('%s refuses %j', (method, args) => {
    expect(() => validateArgs(method as never, args)).toThrow(/must be|unknown field/);
  });

  it('accepts well-formed calls and drops nothing it should keep', () => {
    expect(validateArgs('images.list', { offset: 0, limit: 50, label: '', status: 'error' })).toEqual({
      offset: 0,
      limit: 50,
      label: '',
      status: 'error',
    });
    expect(validateArgs('import.start', { folder: '/d', labels: { csv: '/d/t.csv', labelMap: '/d/m.json' } })).toEqual({
      folder: '/d',
      labels: { csv: '/d/t.csv', labelMap: '/d/m.json' },
    });
    expect(validateArgs('app.info', undefined)).toEqual({});
  });
});

describe('image addressing: catalog ids only', () => {
  it.each(['1', '42', '999999999999999'])('accepts the id %s', (raw) => expect(parseImageId(raw)).toBe(Number(raw)));
  it.each(['', '0', '01', '-1', '1.5', '1e3', ' 1', '1/', '..', '../../etc/passwd', '/etc/passwd', 'abc', '9999999999999999999'])(
    'refuses the id %j',
    (raw) => expect(parseImageId(raw)).toBeNull(),
  );

  it.each([
    'winnow-img://../../etc/passwd',
    'winnow-img:///etc/passwd',
    'winnow-img://1/../../etc/passwd',
    'winnow-img://1/etc/passwd',
    'winnow-img://%2e%2e/etc/passwd',
    'winnow-img://abc/',
    'winnow-img://1/?size=1000',
    'winnow-img://1:80/',
    'winnow-img://user@1/',
    'file:///etc/passwd',
    'http://1/',
    'not a url',
  ])('the protocol refuses %s', (url) => expect(parseProtocolUrl(url)).toBeNull());

  it('the protocol and /img/ accept an id and a known size', () => {
    expect(parseProtocolUrl('winnow-img://7/?size=128')).toEqual({ id: 7, size: 128 });
    expect(parseProtocolUrl('winnow-img://7')).toEqual({ id: 7, size: 256 });
    expect(parseImagePath('/img/7', new URLSearchParams('size=512'))).toEqual({ id: 7, size: 512 });
    for (const p of ['/img/..%2F..%2Fetc%2Fpasswd', '/img/../etc/passwd', '/img/7/x', '/img/', '/img/%37']) {
      expect(parseImagePath(p, new URLSearchParams())).toBeNull();
    }
  });
});

describe('Electron wiring against a real host', () => {
  const tmp = tempDir('winnow-shell-');
  const events: { event: EventName; payload: unknown }[] = [];
  let host: Host;
  const listeners = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const page = 'file:///app/out/renderer/index.html';
  const invoke = (url: string, method: unknown, args?: unknown) => listeners.get('winnow:invoke')!({ senderFrame: { url } }, method, args);

  beforeAll(async () => {
    await writeJpeg(join(tmp.path, 'photos/cats/a.jpg'), 1);
    await writeJpeg(join(tmp.path, 'photos/dogs/b.jpg'), 2, 400, 300);
    const emit = <E extends EventName>(event: E, payload: Events[E]): void => void events.push({ event, payload });
    host = new Host({ shell: 'electron', emit, catalog: join(tmp.path, 'c.winnow') });
    wireIpc({ handle: (ch, fn) => void listeners.set(ch, fn) }, host, pageMatcher(page, undefined));
  });
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  it('routes calls from our page and refuses other senders and bad arguments', async () => {
    expect(await invoke(page, 'app.info', {})).toMatchObject({ ok: true, result: { name: 'Winnow', shell: 'electron' } });
    expect(await invoke('https://evil.example/', 'app.info', {})).toEqual({ ok: false, error: expect.stringMatching(/Refused/) });
    expect(await invoke(`${page}#/library`, 'nope.nope', {})).toEqual({ ok: false, error: expect.stringMatching(/Unknown method/) });
    expect(await invoke(page, 'images.list', { offset: 0, limit: -5 })).toEqual({ ok: false, error: expect.stringMatching(/limit/) });
    expect(await invoke(page, 'dialog.open', { kind: 'folder' })).toMatchObject({ ok: true, result: { unsupported: expect.any(String) } });
  });

  it('runs an import as a job with progress and done events, then serves its thumbnails by id', async () => {
    const reply = (await invoke(page, 'import.start', { folder: join(tmp.path, 'photos'), labels: 'folders' })) as {
      ok: true;
      result: { jobId: string };
    };
    expect(reply.ok).toBe(true);
    await expect.poll(() => events.some((e) => e.event === 'job.done'), { timeout: 20_000 }).toBe(true);
    const done = events.find((e) => e.event === 'job.done')!.payload as Events['job.done'];
    expect(done).toMatchObject({ jobId: reply.result.jobId, report: { added: 2, failed: 0 } });
    const page1 = (await invoke(page, 'images.list', { offset: 0, limit: 10, label: 'dogs' })) as {
      ok: true;
      result: { total: number; items: { id: number }[] };
    };
    expect(page1.result.total).toBe(1);

    const id = page1.result.items[0]!.id;
    const ok = await imageProtocolResponse(host, `winnow-img://${id}/?size=128`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await ok.arrayBuffer());
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(readdirSync(join(tmp.path, '.winnow-thumbs')).some((f) => f.endsWith('-128.jpg'))).toBe(true);

    expect((await imageProtocolResponse(host, 'winnow-img://../../etc/passwd')).status).toBe(400);
    expect((await imageProtocolResponse(host, 'winnow-img:///etc/passwd')).status).toBe(400);
    expect((await imageProtocolResponse(host, 'winnow-img://999/')).status).toBe(404);
  });

  it('cancels a running import through job.cancel and says so in job.done', async () => {
    events.length = 0;
    const reply = (await invoke(page, 'import.start', { folder: join(tmp.path, 'photos'), labels: 'none' })) as {
      ok: true;
      result: { jobId: string };
    };
    expect(await invoke(page, 'import.start', { folder: join(tmp.path, 'photos'), labels: 'none' })).toEqual({
      ok: false,
      error: 'Cannot start an import now: an import is running; wait for it to finish or cancel it.',
    });
    expect(await invoke(page, 'job.cancel', { jobId: reply.result.jobId })).toEqual({ ok: true, result: { cancelled: true } });
    await expect.poll(() => events.find((e) => e.event === 'job.done'), { timeout: 20_000 }).toBeDefined();
    expect(events.find((e) => e.event === 'job.done')!.payload).toMatchObject({ jobId: reply.result.jobId, report: { cancelled: true } });
    expect(await invoke(page, 'job.cancel', { jobId: reply.result.jobId })).toEqual({ ok: true, result: { cancelled: false } });
    const missingFolder = (await invoke(page, 'import.start', { folder: join(tmp.path, 'nope'), labels: 'folders' })) as {
      ok: true;
      result: { jobId: string };
    };
    await expect.poll(() => events.filter((e) => e.event === 'job.done').length, { timeout: 20_000 }).toBe(2);
    expect(events.filter((e) => e.event === 'job.done')[1]!.payload).toEqual({
      jobId: missingFolder.result.jobId,
      kind: 'import',
      error: expect.stringMatching(/^Folder not found: .* \(check the path, or choose another folder\)\.$/),
    });
  });

  it('forwards events to a live window only', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const forward = eventForwarder(() => ({ isDestroyed: () => destroyed, send: (...a: unknown[]) => void sent.push(a) }));
    forward('job.progress', { jobId: 'j', kind: 'import', progress: { phase: 'hash', done: 1, total: 2, ratePerSec: 1, etaSec: 1 } });
    destroyed = true;
    forward('job.done', { jobId: 'j', kind: 'import', error: 'x' });
    expect(sent).toEqual([['winnow:event', 'job.progress', expect.objectContaining({ jobId: 'j' })]]);
    expect(existsSync(join(tmp.path, 'c.winnow'))).toBe(true);
  });
});
