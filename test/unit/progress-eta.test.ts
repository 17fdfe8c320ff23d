// The ETA a job shows: none until a rate is known, and that rate measured from the first finished
// item, so start-up time (workers loading, the walk) does not make a 5-second job read "17 min".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle, type Progress } from '../../src/main/core/jobs.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['performance'] }));
afterEach(() => vi.useRealTimers());

describe('ProgressThrottle ETA', () => {
  it('says nothing until a rate is known, then goes by the rate since the first item', () => {
    const seen: Progress[] = [];
    const p = new ProgressThrottle('hashing', 100, (x) => seen.push(x), 0);
    vi.advanceTimersByTime(3000); // start-up: nothing done for 3 s
    p.update(1);
    expect(seen.at(-1)!.etaSec).toBeNull();
    for (let i = 2; i <= 6; i++) {
      vi.advanceTimersByTime(100); // then 10 items per second
      p.update(i);
    }
    expect(seen.at(-1)!.etaSec).toBeNull(); // half a second of items: not yet a rate
    for (let i = 7; i <= 11; i++) {
      vi.advanceTimersByTime(100);
      p.update(i);
    }
    // 10 items in the 1 s since the first: 89 left at 10/s.
    expect(seen.at(-1)!.etaSec).toBeCloseTo(8.9, 5);
  });

  it('reports 0 s left when done', () => {
    const seen: Progress[] = [];
    const p = new ProgressThrottle('export', 3, (x) => seen.push(x), 0);
    vi.advanceTimersByTime(500);
    p.update(3, true);
    expect(seen.at(-1)!.etaSec).toBe(0);
  });
});
