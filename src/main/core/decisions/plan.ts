// Turns what the user asked for (keep one, not duplicates, exclude all, relabel, accept the
// suggestions) into journal decisions, for the CLI and the app alike. Rules in one place: the kept
// file must still be there; a bulk accept never overrides "not duplicates" or an earlier choice;
// what would change nothing is not recorded (no empty undo steps); the message says what changed.
import { plural } from '../../../shared/words.ts';
import type { KeeperCriterion } from '../dups/keeper.ts';
import { UserError } from '../errors.ts';
import { clusterState, isActive, isPresent, labelOf, type MemberNow } from './cluster-state.ts';
import { applyDecision, cloneState, pairKey, type Decision, type DecisionState } from './journal.ts';

export type DecisionRequest =
  | { kind: 'keep'; cluster: number; member: number }
  | { kind: 'not-duplicates'; cluster: number }
  | { kind: 'exclude-all'; cluster: number }
  | { kind: 'relabel'; cluster: number; label: string; member?: number }
  | { kind: 'accept-suggestions'; includeMixed: boolean };

export interface ReviewCluster {
  id: number;
  members: readonly MemberNow[];
}

export interface PlanContext {
  clusters: readonly ReviewCluster[];
  state: DecisionState;
  /** Whether an image's file is still where the catalog says (a keeper must be). */
  fileExists: (id: number) => boolean;
  criteria?: readonly KeeperCriterion[] | undefined;
  /** How this shell includes mixed-label clusters, added to the sentence that says they were left. */
  mixedHint?: string;
}

export interface DecisionPlan {
  /** One journal batch; empty when nothing would change. */
  decisions: Decision[];
  message: string;
  excluded: number;
  restored: number;
  relabelled: number;
}

/** A request that cannot be carried out (unknown cluster, not a member, the keeper is gone). */
export class DecisionError extends UserError {
  override name = 'DecisionError';
}

/** Plans the requests in order, each seeing the ones before it; together they are one undo step. */
export function planDecisions(requests: readonly DecisionRequest[], ctx: PlanContext): DecisionPlan {
  const before = ctx.state;
  let state = before;
  const decisions: Decision[] = [];
  const messages: string[] = [];
  for (const req of requests) {
    const step = planOne(req, { ...ctx, state });
    messages.push(step.message);
    if (step.decisions.length === 0) continue;
    state = cloneState(state);
    for (const d of step.decisions) applyDecision(state, d);
    decisions.push(...step.decisions);
  }
  const fx = effect(before, state, ctx.clusters);
  return {
    decisions: fx.any ? decisions : [],
    message: messages.join(' '),
    excluded: fx.counts.excluded,
    restored: fx.counts.restored,
    relabelled: fx.counts.relabelled,
  };
}

function planOne(req: DecisionRequest, ctx: PlanContext): { decisions: Decision[]; message: string } {
  if (req.kind === 'accept-suggestions') return acceptSuggestions(req.includeMixed, ctx);
  const c = ctx.clusters.find((x) => x.id === req.cluster);
  if (!c) throw new DecisionError(`No cluster #${req.cluster} in the last run (it has ${ctx.clusters.length}).`);
  const member = (id: number): MemberNow => {
    const m = c.members.find((x) => x.id === id);
    if (!m) throw new DecisionError(`That image is not a member of cluster #${c.id}.`);
    return m;
  };
  const ids = c.members.filter(isPresent).map((m) => m.id);
  const outcome = (decisions: Decision[], say: (fx: Counts) => string): { decisions: Decision[]; message: string } => {
    const after = cloneState(ctx.state);
    for (const d of decisions) applyDecision(after, d);
    const fx = effect(ctx.state, after, [c]);
    return { decisions: fx.any ? decisions : [], message: `Cluster #${c.id}: ${say(fx.counts)}` };
  };
  switch (req.kind) {
    case 'keep': {
      const keep = member(req.member);
      if (!isPresent(keep) || !ctx.fileExists(keep.id)) {
        throw new DecisionError(
          `${keep.path} is no longer there (moved to the trash, deleted or moved since the last import): keep one that is.`,
        );
      }
      const exclude = ids.filter((id) => id !== keep.id);
      const again = ctx.state.excluded.has(keep.id) ? ' (active again)' : '';
      return outcome([{ op: 'keep', keep: keep.id, exclude }], (fx) =>
        fx.excluded + fx.restored === 0
          ? `${keep.path} is already the one kept; nothing changed.`
          : `kept ${keep.path}${again}, excluded ${fx.excluded}.`,
      );
    }
    case 'not-duplicates':
      return outcome([{ op: 'not-duplicates', ids }], (fx) =>
        fx.pairs === 0 && fx.restored === 0
          ? 'already marked as not duplicates; nothing changed.'
          : `marked as not duplicates; ${fx.restored ? `${plural(fx.restored, 'image')} active again` : `all ${ids.length} stay active`}.`,
      );
    case 'exclude-all':
      return outcome([{ op: 'exclude', ids }], (fx) =>
        fx.excluded === 0
          ? `all ${ids.length} images were already excluded; nothing changed.`
          : `excluded ${plural(fx.excluded, 'image')}${fx.excluded < ids.length ? ` (${ids.length - fx.excluded} already were)` : ''}.`,
      );
    case 'relabel': {
      const label = req.label.trim();
      if (!label) throw new DecisionError('Give the label to set: an existing one or a new name.');
      const targets = req.member === undefined ? c.members.filter(isPresent) : [member(req.member)];
      const who = req.member === undefined ? `all ${targets.length} images` : targets[0]!.path;
      return outcome([{ op: 'relabel', ids: targets.map((m) => m.id), label }], (fx) =>
        fx.relabelled === 0 ? `${who} already labelled “${label}”.` : `${who} relabelled “${label}”.`,
      );
    }
  }
}

function acceptSuggestions(includeMixed: boolean, ctx: PlanContext): { decisions: Decision[]; message: string } {
  const decisions: Decision[] = [];
  let mixed = 0;
  let gone = 0;
  let conflicting = 0;
  let excluded = 0;
  for (const c of ctx.clusters) {
    const st = clusterState(c.members, ctx.state, ctx.criteria);
    if (st.resolved) continue;
    // Label noise needs a human look first.
    if (st.mixedLabels && !includeMixed) {
      mixed++;
      continue;
    }
    const active = c.members.filter((m) => isActive(m, ctx.state));
    const keeper = active.find((m) => m.id === st.suggested);
    if (!keeper || !ctx.fileExists(keeper.id)) {
      gone++;
      continue;
    }
    // Two members the user kept earlier ended up in one cluster (a looser threshold): theirs to settle.
    if (active.some((m) => m.id !== keeper.id && ctx.state.kept.has(m.id))) {
      conflicting++;
      continue;
    }
    // Only active members: an image the user excluded stays excluded and is not named again.
    const exclude = active.filter((m) => m.id !== keeper.id).map((m) => m.id);
    excluded += exclude.length;
    decisions.push({ op: 'keep', keep: keeper.id, exclude });
  }
  const left = [
    mixed ? `${plural(mixed, 'mixed-label cluster')} left for review${ctx.mixedHint ? ` (${ctx.mixedHint})` : ''}.` : '',
    gone ? `${plural(gone, 'cluster')} whose suggested keeper is gone left for review.` : '',
    conflicting ? `${plural(conflicting, 'cluster')} holding two images you kept earlier left for review.` : '',
  ].filter(Boolean);
  const head = decisions.length
    ? `Accepted ${plural(decisions.length, 'suggestion')}: excluded ${plural(excluded, 'image')}.`
    : `Nothing to accept${left.length ? '' : ': every cluster is resolved'}.`;
  return { decisions, message: [head, ...left].join(' ') };
}

interface Counts {
  excluded: number;
  restored: number;
  relabelled: number;
  /** Not-duplicate pairs added or removed. */
  pairs: number;
}

/** What going from `a` to `b` changes for the members of these clusters. */
function effect(a: DecisionState, b: DecisionState, clusters: readonly ReviewCluster[]): { any: boolean; counts: Counts } {
  const seen = new Set<number>();
  const counts: Counts = { excluded: 0, restored: 0, relabelled: 0, pairs: 0 };
  for (const c of clusters) {
    const present = c.members.filter(isPresent);
    for (const m of present) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      const was = a.excluded.has(m.id);
      const now = b.excluded.has(m.id);
      if (!was && now) counts.excluded++;
      if (was && !now) counts.restored++;
      if (labelOf(m, a) !== labelOf(m, b)) counts.relabelled++;
    }
    // "Not duplicates" pairs only ever join members of one cluster.
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const k = pairKey(present[i]!.id, present[j]!.id);
        if (a.notDuplicates.has(k) !== b.notDuplicates.has(k)) counts.pairs++;
      }
    }
  }
  return { any: counts.excluded + counts.restored + counts.relabelled + counts.pairs > 0, counts };
}
