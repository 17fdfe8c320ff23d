import type { Progress } from '../core/jobs.ts';

/** One self-rewriting line on a terminal; nothing at all when stderr is not a TTY (logs, pipes, CI). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (p: Progress) => void; clear: () => void } {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  let shown = false;
  return {
    update(p) {
      const width = 28;
      let line: string;
      if (p.total > 0) {
        const filled = Math.round((width * p.done) / p.total);
        const eta = p.etaSec === null ? '' : ` ETA ${formatDuration(p.etaSec)}`;
        line = `${p.phase} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${Math.round(p.ratePerSec)}/s${eta}`;
      } else {
        line = `${p.phase}: ${p.done} files found`;
      }
      stream.write(`\r${line.slice(0, (stream.columns || 80) - 1)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

export function formatDuration(sec: number): string {
  if (sec < 60) return `${Math.ceil(sec)}s`;
  const m = Math.floor(sec / 60);
  return m < 60 ? `${m}m${String(Math.round(sec % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Runs a job with a progress bar and Ctrl-C wired to its AbortSignal: the first Ctrl-C cancels
 * cleanly (`whatIsKept` tells the user what survives), a second one quits at once.
 */
export async function withCancel<T>(
  whatIsKept: string,
  run: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nCancelling… (${whatIsKept}; press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = progressBar();
  try {
    return await run(controller.signal, bar.update);
  } finally {
    bar.clear();
    process.off('SIGINT', onSigint);
  }
}
