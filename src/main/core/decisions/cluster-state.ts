// The one definition of where a cluster stands after the user's decisions: which members are still
// there and active, whether it is resolved, whether its labels conflict, and which member a bulk
// accept would keep. The CLI, the host and clustering itself all ask this module.
import type { ImageStatus } from '../catalog/images.ts';
import { suggestKeeper, type KeeperCandidate, type KeeperCriterion } from '../dups/keeper.ts';
import { pairKey, type DecisionState } from './journal.ts';

/** A cluster member as the catalog has it now (status and label from the images table). */
export interface MemberNow extends KeeperCandidate {
  path: string;
  status: ImageStatus;
}

export interface ClusterState {
  /** At most one member active, or the user said these are not duplicates. */
  resolved: boolean;
  notDuplicates: boolean;
  mixedLabels: boolean;
  /** Members still in the catalog (not missing or failed) and active. */
  active: number;
  /** The member a bulk accept keeps (an image id), and why. */
  suggested: number;
  reason: string;
}

/** Still in the catalog: a trashed or vanished file (missing) or one that failed no longer counts. */
export const isPresent = (m: { status: ImageStatus }): boolean => m.status === 'active' || m.status === 'excluded';

/** Active as the decisions say (the images table follows them, see sync.ts). */
export const isActive = (m: MemberNow, state: DecisionState): boolean => isPresent(m) && !state.excluded.has(m.id);

/** The member's label with the user's relabels applied. */
export const labelOf = (m: MemberNow, state: DecisionState): string | null => state.labels.get(m.id) ?? m.label;

export function clusterState(members: readonly MemberNow[], state: DecisionState, criteria?: readonly KeeperCriterion[]): ClusterState {
  const present = members.filter(isPresent);
  const active = present.filter((m) => isActive(m, state));
  const ids = present.map((m) => m.id);
  const notDuplicates = ids.length > 1 && ids.every((a, i) => ids.slice(i + 1).every((b) => state.notDuplicates.has(pairKey(a, b))));
  const labels = new Set(present.map((m) => labelOf(m, state)).filter((l) => l !== null));
  const { suggested, reason } = suggestion(present.length ? present : members, active, state, criteria);
  return {
    resolved: active.length <= 1 || notDuplicates,
    notDuplicates,
    mixedLabels: labels.size > 1,
    active: active.length,
    suggested,
    reason,
  };
}

/**
 * A member the user kept earlier stays the keeper; otherwise the best active member by the keeper
 * criteria (excluded members were decided out already and are not brought back by a suggestion).
 */
function suggestion(
  members: readonly MemberNow[],
  active: readonly MemberNow[],
  state: DecisionState,
  criteria?: readonly KeeperCriterion[],
): { suggested: number; reason: string } {
  const withLabels = (list: readonly MemberNow[]): MemberNow[] => list.map((m) => ({ ...m, label: labelOf(m, state) }));
  const kept = active.filter((m) => state.kept.has(m.id));
  if (kept.length > 0) {
    const { keep } = suggestKeeper(withLabels(kept), criteria);
    return { suggested: keep.id, reason: 'the one you kept earlier' };
  }
  if (active.length === 1) return { suggested: active[0]!.id, reason: 'the only one still active' };
  const { keep, reason } = suggestKeeper(withLabels(active.length ? active : members), criteria);
  return { suggested: keep.id, reason };
}
