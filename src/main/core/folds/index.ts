// Fold assignment (StratifiedKFold / StratifiedGroupKFold semantics) and its reports: pure, no I/O.
export { assignFolds, compareLabels, type FoldAssignment, type FoldItem, type FoldOptions } from './assign.ts';
export { foldReport, leakageMatrix, leakedPairs, type FoldReport, type LabelBalance } from './report.ts';
export { mulberry32, seedOf, shuffleInPlace } from './rng.ts';
export { syntheticFoldItems, type SynthFoldOptions } from './synth.ts';
