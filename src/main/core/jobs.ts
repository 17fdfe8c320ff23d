// Long operations are jobs: `run(params, { signal, onProgress })`, usable from the CLI, the
// Electron shell and the browser host alike (a stop flag and a progress channel, as in Czkawka).

import type { Progress } from '../../shared/contract-types.ts';

export type { Progress };

export interface JobContext {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** Emits progress at most every `intervalMs` (and always for the final count) so UIs are not flooded. */
export class ProgressThrottle {
  private readonly started = performance.now();
  private lastEmit = -Infinity;
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
    if (!force && done < this.total && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    const seconds = (now - this.started) / 1000;
    const ratePerSec = seconds > 0 ? done / seconds : 0;
    const etaSec = ratePerSec > 0 && done > 0 ? Math.max(0, (this.total - done) / ratePerSec) : null;
    this.onProgress({ phase: this.phase, done, total: this.total, ratePerSec, etaSec, ...(detail ? { detail } : {}) });
  }
}
