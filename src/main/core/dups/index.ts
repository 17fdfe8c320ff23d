// Near-duplicate search over 64-bit perceptual hashes: pure algorithms, no I/O.
export { emptyHashes, fromBigInts, hamming, int32Views, popcount32, toBigInt, type HashArray } from './hamming.ts';
export { findPairs, type SearchOptions } from './mih.ts';
export { findPairsFor } from './query.ts';
export { SearchPool, shareBlocks } from './parallel.ts';
export {
  DEFAULT_PRESET,
  describeRule,
  matchPairs,
  parseRule,
  PRESETS,
  type MatchedPair,
  type MatchItem,
  type MatchRule,
  type PresetName,
  type RuleOptions,
} from './match.ts';
export { bruteForcePairs, orderByDistance, PairBuilder, sortPairs, type PairList } from './pairs.ts';
export { checkBlocks, planSearch, type Block, type Plan } from './plan.ts';
export { clusterCount, distanceHistogram, sweepPairs, thresholdSweep, type ThresholdSweep } from './sweep.ts';
export { syntheticHashes, type SynthOptions } from './synth.ts';
export { clustersFromPairs, clustersOf, UnionFind, type Clusters } from './union-find.ts';
