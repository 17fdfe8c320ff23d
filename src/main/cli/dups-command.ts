import { resolve } from 'node:path';
import { openForCli, openForReading } from './open-catalog.ts';
import { computeClusters, pHashSweep, type Cluster, type ClusterRun } from '../core/dups/clusters.ts';
import { parseKeeperCriteria } from '../core/dups/keeper.ts';
import { parseRule } from '../core/dups/match.ts';
import { optionalInt, parse, requireString, UsageError } from './args.ts';
import { plural, printJson, printText, visible } from './text-out.ts';

export const DUPS_USAGE = `winnow dups --catalog FILE [--preset strict|balanced|loose] [--phash N] [--dhash N] [--no-mirror]
            [--keep-by resolution,filesize,quality,oldest,path] [--json]
winnow dups --catalog FILE --histogram [--max N] [--json]
  Finds near-duplicate clusters (exact copies always; mirrored copies unless --no-mirror), lists
  mixed-label clusters first, and suggests which member to keep and why. The clusters are saved so
  \`winnow resolve\` can refer to them by number. --histogram instead prints how many image pairs lie
  at each pHash distance 0..N (default 16) and how many clusters each threshold would give.`;

export async function dupsCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      catalog: { type: 'string' },
      preset: { type: 'string' },
      phash: { type: 'string' },
      dhash: { type: 'string' },
      'no-mirror': { type: 'boolean' },
      'keep-by': { type: 'string' },
      histogram: { type: 'boolean' },
      max: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  const catalog = requireString(values, 'catalog');
  if (values.histogram) return histogram(resolve(catalog), optionalInt(values, 'max', 0, 32) ?? 16, Boolean(values.json));
  let rule;
  let criteria;
  try {
    rule = parseRule({
      preset: values.preset as string | undefined,
      phash: optionalInt(values, 'phash', 0, 32),
      dhash: optionalInt(values, 'dhash', 0, 64),
      mirror: values['no-mirror'] ? false : undefined,
    });
    criteria = values['keep-by'] ? parseKeeperCriteria(values['keep-by'] as string) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const db = openForCli(resolve(catalog));
  try {
    const run = computeClusters(db, rule, criteria);
    if (values.json) printJson(toJson(run));
    else printText(formatRun(run));
    return 0;
  } finally {
    db.close();
  }
}

function histogram(catalog: string, max: number, json: boolean): number {
  const db = openForReading(catalog);
  try {
    const sweep = pHashSweep(db, max);
    const rows = sweep.histogram.map((pairs, d) => ({ distance: d, pairs, clusters: sweep.clusters[d]! }));
    if (json) printJson(rows);
    else {
      const lines = ['pHash distance   pairs   clusters at this threshold'];
      for (const r of rows)
        lines.push(`${String(r.distance).padStart(14)} ${String(r.pairs).padStart(7)} ${String(r.clusters).padStart(10)}`);
      printText(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

export function toJson(run: ClusterRun): object {
  const clustered = run.clusters.reduce((n, c) => n + c.members.length, 0);
  return {
    rule: run.rule,
    images: run.images,
    summary: {
      clusters: run.clusters.length,
      imagesInClusters: clustered,
      mixedLabels: run.clusters.filter((c) => c.mixedLabels).length,
      resolved: run.clusters.filter((c) => c.resolved).length,
      needReindex: run.needReindex,
    },
    clusters: run.clusters.map((c) => ({
      id: c.id,
      members: c.members.map((m) => ({
        id: m.id,
        path: m.path,
        sha256: m.sha256,
        label: m.label,
        distance: m.distance,
        status: m.status,
        width: m.width,
        height: m.height,
        size: m.size,
        format: m.format,
        source: m.source,
      })),
      // The suggested keeper's content hash (what this field always held), its catalog id and path.
      suggested: c.members.find((m) => m.id === c.suggested)!.sha256,
      suggestedId: c.suggested,
      suggestedPath: c.suggestedPath,
      reason: c.reason,
      mixedLabels: c.mixedLabels,
      resolved: c.resolved,
      notDuplicates: c.notDuplicates,
    })),
  };
}

export function formatRun(run: ClusterRun): string {
  const mixed = run.clusters.filter((c) => c.mixedLabels).length;
  const resolvedCount = run.clusters.filter((c) => c.resolved).length;
  const lines = [
    `Rule: ${run.rule}`,
    `${plural(run.images, 'image')}, ${plural(run.clusters.length, 'cluster')} (${mixed} with mixed labels, ${resolvedCount} resolved)`,
  ];
  if (run.needReindex) lines.push(`${run.needReindex} images were indexed by an older Winnow: run \`winnow index\` again to match them.`);
  for (const c of run.clusters) lines.push('', ...formatCluster(c));
  return `${lines.join('\n')}\n`;
}

function formatCluster(c: Cluster): string[] {
  const labels = [...new Set(c.members.map((m) => (m.label === null ? '(none)' : visible(m.label))))];
  const head =
    `#${c.id}  ${plural(c.members.length, 'image')}${c.mixedLabels ? `  MIXED LABELS (${labels.join(', ')})` : ''}` +
    `${c.notDuplicates ? '  [not duplicates]' : c.resolved ? '  [resolved]' : ''}  keep ${visible(c.suggestedPath)}: ${c.reason}`;
  const width = Math.max(...c.members.map((m) => visible(m.path).length));
  return [
    head,
    ...c.members.map(
      (m) =>
        `  ${m.id === c.suggested ? '*' : ' '} ${visible(m.path).padEnd(width)}  ${`${m.width}×${m.height}`.padStart(11)}  ` +
        `${m.format.padEnd(4)} ${String(Math.round(m.size / 1024)).padStart(6)} KB  d=${String(m.distance).padStart(2)}  ${m.status.padEnd(8)} ${visible(m.label ?? '')}`,
    ),
  ];
}
