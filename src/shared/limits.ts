// Numeric limits that the CLI's option parser and the API's validators share, written once so the
// two front doors accept exactly the same values. The renderer compiles this file too: no Node imports.

/**
 * The largest seed (folds and export): 2^53 - 1. Seeds travel as JS numbers; a larger one would be
 * rounded to a neighbour silently, so two different seeds typed by the user could give one split.
 */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * Import workers: at most 4 per core, but never fewer than this cap. Each worker is a thread with its
 * own V8 heap: tens of thousands exhaust memory, and hundreds on a small machine only wait for each other.
 */
export const MIN_WORKER_CAP = 64;

/** The largest worker count allowed on a machine with `cores` cores. */
export function maxWorkers(cores: number): number {
  return Math.max(MIN_WORKER_CAP, 4 * cores);
}

/** The largest width or height an export may resize to (the validators and both forms say so). */
export const MAX_IMAGE_SIDE = 16384;

/** Folds per split (K): the CLI's limit; the screens offer fewer. */
export const MAX_FOLDS = 1000;
