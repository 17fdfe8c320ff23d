// Long operations are jobs: `run(params, { signal, onProgress })`, usable from the CLI, the
// Electron shell and the browser host alike (a stop flag and a progress channel, as in Czkawka).

import type { Progress } from '../../shared/contract-types.ts';

export type { Progress };

export interface JobContext {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** How long items must have been finishing before their rate says when the rest will be done. */
const MIN_RATE_SECONDS = 1;

/** Emits progress at most every `intervalMs` (and always for the final count) so UIs are not flooded. */
export class ProgressThrottle {
  private readonly started = performance.now();
  private lastEmit = -Infinity;
  /** When the first item finished, and how many had: the ETA's rate is measured from there. */
  private first: { at: number; done: number } | null = null;
  private readonly phase: string;
  private total: number;
  private readonly onProgress: ((p: Progress) => void) | undefined;
  private readonly intervalMs: number;

  constructor(phase: string, total: number, onProgress: ((p: Progress) => void) | undefined, intervalMs = 200) {
    this.phase = phase;
    this.total = total;
    this.onProgress = onProgress;
    this.intervalMs = intervalMs;
  }

  /** `total` updates the total when it is only known as the work goes (e.g. candidate pairs). */
  update(done: number, force = false, detail?: Progress['detail'], total?: number): void {
    if (!this.onProgress) return;
    if (total !== undefined) this.total = total;
    const now = performance.now();
    if (this.first === null && done > 0) this.first = { at: now, done };
    if (!force && done < this.total && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    const seconds = (now - this.started) / 1000;
    const ratePerSec = seconds > 0 ? done / seconds : 0;
    this.onProgress({ phase: this.phase, done, total: this.total, ratePerSec, etaSec: this.eta(done, now), ...(detail ? { detail } : {}) });
  }

  /**
   * Seconds left, or null until a rate is known: items must have kept finishing for a second, and the
   * rate is taken from the first finished item on, so start-up (workers loading, a walk) does not
   * make a 5-second job read "17 min 54 s" at first.
   */
  private eta(done: number, now: number): number | null {
    if (done >= this.total) return 0;
    if (this.first === null) return null;
    const seconds = (now - this.first.at) / 1000;
    const items = done - this.first.done;
    if (seconds < MIN_RATE_SECONDS || items <= 0) return null;
    return (this.total - done) / (items / seconds);
  }
}
