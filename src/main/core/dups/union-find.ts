// Disjoint sets over item indices 0..n-1, flat Int32Arrays so a million items cost 8 MB.
import type { PairList } from './pairs.ts';

export class UnionFind {
  readonly parent: Int32Array;
  /** Set size, valid at roots only. */
  readonly size: Int32Array;
  /** Number of disjoint sets, singletons included. */
  sets: number;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.size = new Int32Array(n).fill(1);
    this.sets = n;
  }

  find(x: number): number {
    const parent = this.parent;
    // Path halving: every visited node skips to its grandparent, flattening as we go.
    while (parent[x] !== x) {
      const g = parent[parent[x]!]!;
      parent[x] = g;
      x = g;
    }
    return x;
  }

  /** Merges the sets of a and b (smaller under larger); returns the new root, or -1 if already joined. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    this.sets--;
    return ra;
  }

  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }
}

export interface Clusters {
  /** Cluster number of each item, −1 for items with no near-duplicate. */
  clusterOf: Int32Array;
  /** Members (ascending) of each cluster of two or more, ordered by smallest member. */
  clusters: number[][];
}

/** Connected components of the pair graph (single linkage), without singletons. */
export function clustersFromPairs(n: number, pairs: PairList): Clusters {
  const uf = new UnionFind(n);
  for (let k = 0; k < pairs.length; k++) uf.union(pairs.a[k]!, pairs.b[k]!);
  return clustersOf(uf);
}

export function clustersOf(uf: UnionFind): Clusters {
  const n = uf.parent.length;
  const clusterOf = new Int32Array(n).fill(-1);
  const byRoot = new Int32Array(n).fill(-1);
  const clusters: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (uf.size[r]! < 2) continue;
    let c = byRoot[r]!;
    if (c < 0) {
      c = byRoot[r] = clusters.length;
      clusters.push([]);
    }
    clusterOf[i] = c;
    clusters[c]!.push(i);
  }
  return { clusterOf, clusters };
}
