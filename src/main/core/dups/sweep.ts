// One search at the largest threshold answers every smaller one: a pair within t is within
// every t' ≥ t, so adding pairs in order of distance to a union-find gives, after each distance,
// exactly the clusters for that threshold. A threshold slider then needs no further search.
import type { HashArray } from './hamming.ts';
import { findPairs } from './mih.ts';
import { orderByDistance, type PairList } from './pairs.ts';
import { UnionFind } from './union-find.ts';

export interface ThresholdSweep {
  /** Pairs at each exact distance 0..maxDistance. */
  histogram: number[];
  /** Clusters of two or more items at each threshold 0..maxDistance. */
  clusters: number[];
  /** Items in those clusters at each threshold. */
  clustered: number[];
  /** The pairs found at maxDistance (filter by d for any smaller threshold). */
  pairs: PairList;
}

export function sweepPairs(n: number, pairs: PairList, maxDistance: number): ThresholdSweep {
  const { order, start } = orderByDistance(pairs, maxDistance);
  const uf = new UnionFind(n);
  const histogram: number[] = [];
  const clusters: number[] = [];
  const clustered: number[] = [];
  let nClusters = 0;
  let nClustered = 0;
  for (let t = 0; t <= maxDistance; t++) {
    for (let k = start[t]!; k < start[t + 1]!; k++) {
      const i = order[k]!;
      const ra = uf.find(pairs.a[i]!);
      const rb = uf.find(pairs.b[i]!);
      if (ra === rb) continue;
      const sa = uf.size[ra]!;
      const sb = uf.size[rb]!;
      // Merging replaces whichever of the two were clusters (size ≥ 2) by one cluster.
      nClusters += 1 - (sa > 1 ? 1 : 0) - (sb > 1 ? 1 : 0);
      nClustered += (sa > 1 ? 0 : 1) + (sb > 1 ? 0 : 1);
      uf.union(ra, rb);
    }
    histogram.push(start[t + 1]! - start[t]!);
    clusters.push(nClusters);
    clustered.push(nClustered);
  }
  return { histogram, clusters, clustered, pairs };
}

/** Histogram and cluster counts for every threshold 0..maxDistance from one search. */
export function thresholdSweep(hashes: HashArray, maxDistance: number): ThresholdSweep {
  return sweepPairs(hashes.hi.length, findPairs(hashes, maxDistance), maxDistance);
}

/** Pairs at each Hamming distance 0..maxDistance. */
export function distanceHistogram(hashes: HashArray, maxDistance: number): number[] {
  const pairs = findPairs(hashes, maxDistance);
  const histogram = new Array<number>(maxDistance + 1).fill(0);
  for (let k = 0; k < pairs.length; k++) histogram[pairs.d[k]!]!++;
  return histogram;
}

/** Clusters of two or more items when items within `threshold` are linked (single linkage). */
export function clusterCount(hashes: HashArray, threshold: number): number {
  return sweepPairs(hashes.hi.length, findPairs(hashes, threshold), threshold).clusters[threshold]!;
}
