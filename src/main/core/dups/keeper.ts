// Which member of a cluster to keep, and why, from an ordered list of criteria the user can edit.

export interface KeeperCandidate {
  id: number;
  sha256: string;
  label: string | null;
  path: string;
  width: number;
  height: number;
  size: number;
  mtimeMs: number;
}

export const KEEPER_CRITERIA = ['labelled', 'resolution', 'filesize', 'quality', 'oldest', 'path'] as const;
export type KeeperCriterion = (typeof KEEPER_CRITERIA)[number];
export const DEFAULT_KEEPER_CRITERIA: readonly KeeperCriterion[] = KEEPER_CRITERIA;

interface Criterion {
  /** Larger is better. */
  score(c: KeeperCandidate): number;
  reason(best: KeeperCandidate, next: KeeperCandidate): string;
}

const bytesPerPixel = (c: KeeperCandidate): number => c.size / Math.max(1, c.width * c.height);

const CRITERIA: Record<KeeperCriterion, Criterion> = {
  // An unlabelled copy cannot train anything: keep the one that says what it shows.
  labelled: {
    score: (c) => (c.label === null ? 0 : 1),
    reason: (b) => `labelled (“${b.label}”; the other is unlabelled)`,
  },
  resolution: {
    score: (c) => c.width * c.height,
    reason: (b, n) => `largest resolution (${b.width}×${b.height} vs ${n.width}×${n.height})`,
  },
  filesize: {
    score: (c) => c.size,
    reason: (b, n) => `largest file (${b.size} vs ${n.size} bytes)`,
  },
  // Bytes per pixel stands in for encoder quality (the less compressed copy carries more detail).
  quality: {
    score: (c) => Math.round(bytesPerPixel(c) * 1000),
    reason: (b, n) => `least compressed (${bytesPerPixel(b).toFixed(2)} vs ${bytesPerPixel(n).toFixed(2)} bytes per pixel)`,
  },
  oldest: {
    score: (c) => -c.mtimeMs,
    reason: (b, n) =>
      `oldest file (${new Date(b.mtimeMs).toISOString().slice(0, 10)} vs ${new Date(n.mtimeMs).toISOString().slice(0, 10)})`,
  },
  path: {
    score: () => 0, // decided by the tie-break below
    reason: (b) => `shortest path (${b.path})`,
  },
};

export function parseKeeperCriteria(text: string): KeeperCriterion[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(KEEPER_CRITERIA as readonly string[]).includes(n)) {
      throw new Error(`Unknown keeper criterion "${n}"; choose from ${KEEPER_CRITERIA.join(', ')}`);
    }
  }
  if (names.length === 0) throw new Error('Give at least one keeper criterion');
  return names as KeeperCriterion[];
}

/** The member to keep and a sentence saying which criterion decided it. */
export function suggestKeeper(
  members: readonly KeeperCandidate[],
  criteria: readonly KeeperCriterion[] = DEFAULT_KEEPER_CRITERIA,
): { keep: KeeperCandidate; reason: string } {
  if (members.length === 0) throw new Error('empty cluster');
  const byPath = (a: KeeperCandidate, b: KeeperCandidate): number =>
    a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const ranked = [...members].sort((a, b) => {
    for (const name of criteria) {
      const d = CRITERIA[name].score(b) - CRITERIA[name].score(a);
      if (d !== 0) return d;
    }
    return byPath(a, b);
  });
  const best = ranked[0]!;
  const next = ranked[1];
  if (!next) return { keep: best, reason: 'only member' };
  if (best.sha256 === next.sha256) return { keep: best, reason: `identical files; ${CRITERIA.path.reason(best, next)}` };
  for (const name of criteria) {
    if (CRITERIA[name].score(best) !== CRITERIA[name].score(next)) return { keep: best, reason: CRITERIA[name].reason(best, next) };
  }
  return { keep: best, reason: CRITERIA.path.reason(best, next) };
}
