// The API accepts the seeds the CLI accepts (0..2^53-1): a split made with `winnow folds --seed
// 1700000000000` must be recomputable from the screens, and a seed JS would round is refused.
import { describe, expect, it } from 'vitest';
import { validateArgs } from '../../src/shared/contract.ts';
import { MAX_SEED } from '../../src/shared/limits.ts';

const folds = (seed: number) => validateArgs('folds.compute', { k: 5, seed, stratify: true, groups: true });

describe('folds.compute seed', () => {
  it('accepts every seed up to 2^53 - 1', () => {
    expect(folds(1_700_000_000_000).seed).toBe(1_700_000_000_000);
    expect(folds(MAX_SEED).seed).toBe(9007199254740991);
  });

  it('refuses 2^53, negative and fractional seeds with the allowed range', () => {
    for (const seed of [2 ** 53, -1, 4.5]) {
      expect(() => folds(seed)).toThrow(`folds.compute.seed must be a whole number from 0 to 9007199254740991, not ${seed}`);
    }
  });
});
