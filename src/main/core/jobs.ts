// Long operations are jobs: `run(params, { signal, onProgress })`, usable from the CLI, the
// Electron shell and the browser host alike (a stop flag and a progress channel, as in Czkawka).

import type { Progress } from '../../shared/contract-types.ts';

export type { Progress };

export interface JobContext {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/**
 * A rate is measured from the first counted item (start-up — opening the catalog, walking folders — is not
 * work done) and is known only after this much measured time: an ETA from one item read "17 min 54 s" for
 * a 5-second import.
 */
const RATE_WINDOW_MS = 1000;

/** Emits progress at most every `intervalMs` (and always for the final count) so UIs are not flooded. */
export class ProgressThrottle {
  private lastEmit = -Infinity;
  private readonly phase: string;
  private total: number;
  private readonly onProgress: ((p: Progress) => void) | undefined;
  private readonly intervalMs: number;
  private readonly now: () => number;
  /** When and at which count the measuring began (the first update with work done). */
  private firstAt: { t: number; done: number } | null = null;
  private readonly started: number;

  constructor(
    phase: string,
    total: number,
    onProgress: ((p: Progress) => void) | undefined,
    intervalMs = 200,
    now: () => number = () => performance.now(),
  ) {
    this.phase = phase;
    this.total = total;
    this.onProgress = onProgress;
    this.intervalMs = intervalMs;
    this.now = now;
    this.started = now();
  }

  /** `total` updates the total when it is only known as the work goes (e.g. candidate pairs). */
  update(done: number, force = false, detail?: Progress['detail'], total?: number): void {
    if (!this.onProgress) return;
    if (total !== undefined) this.total = total;
    const now = this.now();
    if (done > 0 && this.firstAt === null) this.firstAt = { t: now, done };
    if (!force && done < this.total && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    const { ratePerSec, etaSec } = this.estimate(now, done);
    this.onProgress({ phase: this.phase, done, total: this.total, ratePerSec, etaSec, ...(detail ? { detail } : {}) });
  }

  /** Rate 0 and no ETA until a rate is known; when all is done, nothing is left. */
  private estimate(now: number, done: number): { ratePerSec: number; etaSec: number | null } {
    const measuredMs = this.firstAt ? now - this.firstAt.t : 0;
    const counted = this.firstAt ? done - this.firstAt.done : 0;
    // The final count: the whole job's pace (it may have finished in one step), nothing left.
    if (this.total > 0 && done >= this.total) {
      const elapsedMs = now - this.started;
      return { ratePerSec: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0, etaSec: 0 };
    }
    if (measuredMs < RATE_WINDOW_MS || counted <= 0) return { ratePerSec: 0, etaSec: null };
    const ratePerSec = (counted * 1000) / measuredMs;
    return { ratePerSec, etaSec: this.total > done ? (this.total - done) / ratePerSec : null };
  }
}
