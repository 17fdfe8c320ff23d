import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openForCli } from './open-catalog.ts';
import { computeFolds, foldRows, type FoldResult } from '../core/folds/catalog-folds.ts';
import { optionalInt, parse, requireString } from './args.ts';
import { csvField } from './csv-out.ts';
import { MAX_FOLDS, MAX_SEED } from '../../shared/limits.ts';
import { printJson, printText, visible } from './text-out.ts';

export const FOLDS_USAGE = `winnow folds --catalog FILE [--k 5] [--seed 42] [--no-stratify] [--no-groups] [--groups-csv FILE]
             [--csv OUT] [--json]
  Assigns every active image a fold (excluded ones never take part): stratified by label, and with
  each near-duplicate cluster of the last \`winnow dups\` run (and each group of --groups-csv, e.g. the
  source photo) kept in one fold so nothing leaks between folds. Prints the per-fold, per-label table
  and the K×K leakage; --csv writes image_id,label,fold (a cell that starts with =, +, -, @, a tab or a
  carriage return gets a leading ' inside quotes, so a spreadsheet does not run it as a formula).`;

export async function foldsCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      catalog: { type: 'string' },
      k: { type: 'string' },
      seed: { type: 'string' },
      'no-stratify': { type: 'boolean' },
      'no-groups': { type: 'boolean' },
      'groups-csv': { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  const catalog = requireString(values, 'catalog');
  const k = optionalInt(values, 'k', 2, MAX_FOLDS) ?? 5;
  const seed = optionalInt(values, 'seed', 0, MAX_SEED) ?? 42;
  const db = openForCli(resolve(catalog));
  try {
    const result = computeFolds(db, {
      k,
      seed,
      stratify: !values['no-stratify'],
      groups: !values['no-groups'],
      groupCsv: values['groups-csv'] ? resolve(values['groups-csv'] as string) : undefined,
    });
    if (values.csv) {
      const lines = ['image_id,label,fold', ...foldRows(db).map((r) => [r.image_id, r.label, r.fold].map(csvField).join(','))];
      writeFileSync(values.csv as string, `${lines.join('\n')}\n`);
    }
    if (values.json) printJson(result);
    else printText(formatFolds(result));
    return 0;
  } finally {
    db.close();
  }
}

function formatFolds(r: FoldResult): string {
  const { report, params } = r;
  const head = ['label'.padEnd(16), ...report.sizes.map((_, f) => `fold ${f}`.padStart(8)), '   ideal  max dev'];
  const lines = [
    `${r.images} active images in ${params.k} folds (seed ${params.seed}${params.stratify ? ', stratified' : ''}` +
      `${params.groups ? ', near-duplicate clusters kept together' : ''}${params.groupCsv ? ', user groups kept together' : ''})`,
    '',
    head.join(''),
  ];
  for (const l of report.perLabel) {
    lines.push(
      [
        (l.label === null ? '(none)' : visible(l.label)).slice(0, 15).padEnd(16),
        ...l.counts.map((c) => String(c).padStart(8)),
        l.ideal.toFixed(1).padStart(8),
        l.maxDeviation.toFixed(1).padStart(9),
      ].join(''),
    );
  }
  lines.push(
    [
      'total'.padEnd(16),
      ...report.sizes.map((c) => String(c).padStart(8)),
      (r.images / params.k).toFixed(1).padStart(8),
      report.maxSizeDeviation.toFixed(1).padStart(9),
    ].join(''),
  );
  if (report.emptyFolds.length) lines.push(`Empty folds: ${report.emptyFolds.join(', ')} (fewer groups than folds)`);
  lines.push('', `Leakage: ${r.leakedPairs} near-duplicate pair(s) split across folds${r.leakedPairs ? '' : ' (none)'}`);
  if (r.leakedPairs) {
    lines.push('  K×K (pairs between fold i and fold j):');
    for (const row of r.leakage) lines.push(`  ${row.map((n) => String(n).padStart(6)).join('')}`);
  }
  for (const p of r.groupProblems) lines.push(`Groups: ${p}`);
  return `${lines.join('\n')}\n`;
}
