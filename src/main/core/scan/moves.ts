// Which vanished row a newly found file takes over when it has the same content (a move or rename):
// the row keeps its id, and with it the decisions made about it. Exact copies make this ambiguous, so
// the choice is ranked (same file name, then same folder, then the first by path) and made over all
// candidates at once, never in the order the hashing workers happen to finish.
import type { KnownImage } from '../catalog/images.ts';

export interface NewFile {
  rel: Buffer;
  sha256: string;
}

const SLASH = 0x2f;
const folderOf = (rel: Buffer): string => rel.subarray(0, Math.max(0, rel.lastIndexOf(SLASH))).toString('latin1');
const nameOf = (rel: Buffer): string => rel.subarray(rel.lastIndexOf(SLASH) + 1).toString('latin1');
const byPath = (a: Buffer, b: Buffer): number => Buffer.compare(a, b);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Pairs new files with vanished rows of the same sha256, each row at most once. Three passes over the
 * files in path order: a file first takes the first free row (by path) with its own file name, then,
 * if it has none, one in its own folder, then any. That is the greedy choice over all pairs sorted by
 * (rank, file path, row path), without listing every pair of a thousand copies of one blank image.
 * Returns file index -> row.
 */
export function assignMoves(files: readonly NewFile[], vanished: readonly KnownImage[]): Map<number, KnownImage> {
  const rowsBySha = new Map<string, KnownImage[]>();
  for (const row of vanished) if (row.sha256) push(rowsBySha, row.sha256, row);
  const filesBySha = new Map<string, number[]>();
  files.forEach((f, i) => rowsBySha.has(f.sha256) && push(filesBySha, f.sha256, i));

  const assigned = new Map<number, KnownImage>();
  for (const [sha, fileIds] of filesBySha) {
    const rows = rowsBySha
      .get(sha)!
      .slice()
      .sort((a, b) => byPath(a.pathBytes, b.pathBytes));
    fileIds.sort((a, b) => byPath(files[a]!.rel, files[b]!.rel));
    const taken = new Set<KnownImage>();
    for (const keyOf of [nameOf, folderOf, () => '']) {
      const buckets = new Map<string, KnownImage[]>();
      for (const row of rows) if (!taken.has(row)) push(buckets, keyOf(row.pathBytes), row);
      for (const file of fileIds) {
        if (assigned.has(file)) continue;
        const bucket = buckets.get(keyOf(files[file]!.rel));
        const row = bucket?.shift(); // rows taken by an earlier pass are not in this pass's buckets
        if (!row) continue;
        assigned.set(file, row);
        taken.add(row);
      }
    }
  }
  return assigned;
}
