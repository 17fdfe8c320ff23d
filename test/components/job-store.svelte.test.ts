// JobStore: the one job model of every job-driven screen (import, export, clustering, folds).
import { describe, expect, it, vi } from 'vitest';
import { JobStore } from '../../src/renderer/src/state/job.svelte.ts';
import { answer, calls, emit, resetFakeApi } from './fake-api.ts';
import type { ImportReport } from '../../src/shared/contract.ts';

vi.mock('../../src/renderer/src/lib/transport.ts', async () => ({ api: (await import('./fake-api.ts')).fakeApi }));

const progress = (done: number) => ({ phase: 'hashing', done, total: 10, ratePerSec: 5, etaSec: 2 });

describe('JobStore', () => {
  it('follows its own job from start to report, ignoring other kinds and other jobs', async () => {
    resetFakeApi();
    const done: unknown[] = [];
    const store = new JobStore('import', { onDone: (d) => done.push(d) });
    await store.begin(async () => ({ jobId: 'j1' }));
    expect(store.running).toBe(true);
    emit('job.progress', { jobId: 'j1', kind: 'import', progress: progress(3) });
    emit('job.progress', { jobId: 'j9', kind: 'import', progress: progress(9) }); // another job
    emit('job.progress', { jobId: 'j1', kind: 'export', progress: progress(7) }); // another kind
    expect(store.progress?.done).toBe(3);
    const report = { root: '/data', added: 10 } as unknown as ImportReport;
    emit('job.done', { jobId: 'j1', kind: 'import', report });
    expect(store.running).toBe(false);
    expect(store.progress).toBeNull();
    expect(store.report).toBe(report);
    expect(store.error).toBeNull();
    expect(done).toHaveLength(1);
  });

  it('adopts a job another tab started (first progress), and shows its error when it fails', () => {
    const store = new JobStore('export');
    emit('job.progress', { jobId: 'other-tab', kind: 'export', progress: progress(1) });
    expect(store.jobId).toBe('other-tab');
    emit('job.done', { jobId: 'other-tab', kind: 'export', error: 'The disk holding /out is full.' });
    expect(store.running).toBe(false);
    expect(store.error).toBe('The disk holding /out is full.');
  });

  it('turns a refused start into its error, and a cancel into cancelled', async () => {
    resetFakeApi();
    const store = new JobStore('folds');
    await store.begin(async () => {
      throw new Error('Another job is using the catalog: wait for it or cancel it.');
    });
    expect(store.running).toBe(false);
    expect(store.error).toBe('Another job is using the catalog: wait for it or cancel it.');

    answer('job.cancel', () => ({ cancelled: true }));
    await store.begin(async () => ({ jobId: 'f1' }));
    await store.cancel();
    expect(calls).toEqual([{ method: 'job.cancel', args: { jobId: 'f1' } }]);
    expect(store.cancelling).toBe(true);
    emit('job.done', { jobId: 'f1', kind: 'folds', cancelled: true });
    expect(store.cancelled).toBe(true);
    expect(store.cancelling).toBe(false);
    expect(store.error).toBeNull();
  });

  it('keeps a failed cancel visible as an error and lets the user try again', async () => {
    resetFakeApi();
    const store = new JobStore('clusters');
    answer('job.cancel', () => {
      throw new Error('No such job: c1');
    });
    await store.begin(async () => ({ jobId: 'c1' }));
    await store.cancel();
    expect(store.error).toBe('No such job: c1');
    expect(store.cancelling).toBe(false);
  });
});
