import { describe, expect, it } from 'vitest';
import { ProgressThrottle, type Progress } from '../../src/main/core/jobs.ts';

// A clock the test moves by hand: the rule is about elapsed time and counts, not about how fast this machine is.
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('import ETA only once a rate is known', () => {
  it('a slow start (opening, walking) before the first item does not produce a huge first ETA', () => {
    const clock = fakeClock();
    const seen: Progress[] = [];
    const p = new ProgressThrottle('hash', 2000, (x) => seen.push(x), 200, clock.now);
    clock.advance(500); // start-up: nothing hashed yet
    p.update(1, true);
    // Old rule: 1 item in 0.5 s = 2/s, ETA (2000-1)/2 ≈ 1000 s ("16 min 40 s") for a job that takes seconds.
    expect(seen.at(-1)!.etaSec).toBeNull();
    expect(seen.at(-1)!.ratePerSec).toBe(0);
    // Then the real pace: 400 items/s, measured over more than a second.
    for (let i = 1; i <= 6; i++) {
      clock.advance(250);
      p.update(1 + i * 100, true);
    }
    const last = seen.at(-1)!;
    expect(last.ratePerSec).toBe(400);
    expect(last.etaSec).toBe((2000 - 601) / 400);
  });

  it('no ETA within the first second of measured work, even with many items', () => {
    const clock = fakeClock();
    const seen: Progress[] = [];
    const p = new ProgressThrottle('hash', 10_000, (x) => seen.push(x), 200, clock.now);
    p.update(1, true);
    clock.advance(900);
    p.update(500, true);
    expect(seen.map((s) => s.etaSec)).toEqual([null, null]);
    clock.advance(200);
    p.update(600, true);
    expect(seen.at(-1)!.etaSec).toBeCloseTo((10_000 - 600) / (599 / 1.1), 6);
  });

  it('the final count reports zero time left', () => {
    const clock = fakeClock();
    const seen: Progress[] = [];
    const p = new ProgressThrottle('hash', 3, (x) => seen.push(x), 200, clock.now);
    p.update(1, true);
    clock.advance(2000);
    p.update(3, true);
    expect(seen.at(-1)!.etaSec).toBe(0);
  });
});
