// Pair lists as parallel typed arrays: a million-image search can yield millions of pairs, and
// objects per pair would cost ~50 bytes each plus GC pauses.
import { hamming, int32Views, type HashArray } from './hamming.ts';

export interface PairList {
  /** Smaller item index of each pair. */
  a: Uint32Array;
  /** Larger item index of each pair. */
  b: Uint32Array;
  /** Hamming distance of each pair. */
  d: Uint8Array;
  length: number;
}

/** Append-only pair buffer that doubles its capacity; `finish()` trims to the used length. */
export class PairBuilder {
  a: Uint32Array;
  b: Uint32Array;
  d: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.a = new Uint32Array(capacity);
    this.b = new Uint32Array(capacity);
    this.d = new Uint8Array(capacity);
  }

  push(i: number, j: number, dist: number): void {
    if (this.length === this.a.length) this.grow();
    const k = this.length++;
    if (i < j) {
      this.a[k] = i;
      this.b[k] = j;
    } else {
      this.a[k] = j;
      this.b[k] = i;
    }
    this.d[k] = dist;
  }

  private grow(): void {
    const cap = this.a.length * 2 || 1024;
    const a = new Uint32Array(cap);
    const b = new Uint32Array(cap);
    const d = new Uint8Array(cap);
    a.set(this.a);
    b.set(this.b);
    d.set(this.d);
    this.a = a;
    this.b = b;
    this.d = d;
  }

  finish(): PairList {
    const n = this.length;
    return { a: this.a.slice(0, n), b: this.b.slice(0, n), d: this.d.slice(0, n), length: n };
  }
}

/** Every pair i<j within `threshold`, in (i, j) order; O(n²), for tests and as the baseline. */
export function bruteForcePairs(hashes: HashArray, threshold: number): PairList {
  const { hi, lo } = int32Views(hashes);
  const n = hi.length;
  const out = new PairBuilder();
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    const l = lo[i]!;
    for (let j = i + 1; j < n; j++) {
      const d = hamming(h, l, hi[j]!, lo[j]!);
      if (d <= threshold) out.push(i, j, d);
    }
  }
  return out.finish();
}

/** Sorts pairs by (a, b) so lists from different searches can be compared. */
export function sortPairs(p: PairList): PairList {
  const order = Array.from({ length: p.length }, (_, k) => k);
  order.sort((x, y) => p.a[x]! - p.a[y]! || p.b[x]! - p.b[y]!);
  const a = new Uint32Array(p.length);
  const b = new Uint32Array(p.length);
  const d = new Uint8Array(p.length);
  order.forEach((k, i) => {
    a[i] = p.a[k]!;
    b[i] = p.b[k]!;
    d[i] = p.d[k]!;
  });
  return { a, b, d, length: p.length };
}

/**
 * Indices of the pairs within maxDistance grouped by distance (counting sort): order[start[t] ..
 * start[t+1]) are the pairs at exactly t. Pairs beyond maxDistance are left out.
 */
export function orderByDistance(p: PairList, maxDistance: number): { order: Uint32Array; start: Uint32Array } {
  const start = new Uint32Array(maxDistance + 2);
  for (let k = 0; k < p.length; k++) if (p.d[k]! <= maxDistance) start[p.d[k]! + 1]!++;
  for (let t = 0; t <= maxDistance; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, maxDistance + 1);
  const order = new Uint32Array(start[maxDistance + 1]!);
  for (let k = 0; k < p.length; k++) if (p.d[k]! <= maxDistance) order[next[p.d[k]!]!++] = k;
  return { order, start };
}
