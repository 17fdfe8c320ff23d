import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importRunning } from '../core/catalog/import-lock.ts';
import { catalogIsEmpty } from '../core/catalog/catalog.ts';
import { openForCli } from './open-catalog.ts';
import { BLOCKHASH_MODES, type BlockhashMode } from '../core/hashing/hash-image.ts';
import { runImport, type ImportReport } from '../core/scan/import.ts';
import type { LabelSpec } from '../core/scan/labels.ts';
import { availableParallelism } from 'node:os';
import { describeMerge } from '../../shared/source-text.ts';
import { maxWorkers } from '../../shared/limits.ts';
import { optionalInt, parse, requireString, UsageError } from './args.ts';
import { withCancel } from './progress-bar.ts';
import { printJson, printText, visible } from './text-out.ts';

export const INDEX_USAGE = `winnow index DIR --catalog FILE [--labels folders|csv:FILE|none] [--label-map FILE]
             [--max-pixels N] [--workers N] [--blockhash luma|colour] [--rehash] [--json]
  Imports (or re-imports) every image below DIR into the catalog FILE (created if needed).
  Labels come from the first sub-folder name (default), a CSV with image_id,label columns, or nowhere.
  Re-importing reads only new or changed files (by size and mtime); --rehash reads and hashes every
  file again and updates those whose content changed. DIR is never written to.
  Each file is one image: importing a folder that holds imported folders takes their images over (same
  rows, decisions kept, re-labelled by this import); a folder inside an imported one becomes a source of
  its own, which re-scans of the outer folder skip. \`winnow sources\` lists and removes sources.
  --workers N hashes N files at a time (default: one per core; at most 4 per core, or 64).
  --blockhash colour (default) sums R+G+B per block as imghash does; luma sums the grey the other
    hashes use (faster). A catalog keeps the kind of its first import.`;

// A terapixel: far above anything a supported format can hold (65535² for JPEG and WebP).
const MAX_PIXELS_CAP = 1e12;

export function parseLabelSpec(value: string | undefined): LabelSpec {
  if (value === undefined || value === 'folders') return { mode: 'folders' };
  if (value === 'none') return { mode: 'none' };
  if (value.startsWith('csv:') && value.length > 4) return { mode: 'csv', file: resolve(value.slice(4)) };
  throw new UsageError(`--labels must be folders, none or csv:FILE, not "${value}"`);
}

export async function indexCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      catalog: { type: 'string' },
      labels: { type: 'string' },
      'label-map': { type: 'string' },
      'max-pixels': { type: 'string' },
      workers: { type: 'string' },
      blockhash: { type: 'string' },
      rehash: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    1,
  );
  const dir = positionals[0];
  if (!dir) throw new UsageError('index needs the folder to import: winnow index DIR --catalog FILE');
  const catalog = requireString(values, 'catalog');
  const labels = parseLabelSpec(values.labels as string | undefined);
  const maxPixels = optionalInt(values, 'max-pixels', 1, MAX_PIXELS_CAP);
  const workers = optionalInt(values, 'workers', 1, maxWorkers(availableParallelism()));
  const labelMap = values['label-map'] as string | undefined;
  const blockhash = values.blockhash as string | undefined;
  if (blockhash !== undefined && !(BLOCKHASH_MODES as readonly string[]).includes(blockhash)) {
    throw new UsageError(`--blockhash must be luma or colour, not "${blockhash}"`);
  }

  const file = resolve(catalog);
  const isNew = !existsSync(file) || statSync(file).size === 0;
  const db = openForCli(file, { create: true });
  let failed = true;
  try {
    const report = await withCancel('results so far are kept', (signal, onProgress) =>
      runImport(
        {
          db,
          root: dir,
          labels,
          labelMapFile: labelMap ? resolve(labelMap) : undefined,
          maxPixels,
          workers,
          rehash: Boolean(values.rehash),
          ...(blockhash ? { blockhash: blockhash as BlockhashMode } : {}),
        },
        { signal, onProgress },
      ),
    );
    if (values.json) printJson(report);
    else printText(formatReport(report, catalog));
    failed = false;
    return 0;
  } finally {
    // A run that failed before importing anything (a mistyped DIR, a missing CSV) leaves no empty
    // catalog behind to be mistaken for a real one later.
    // Not while another import (started on the same new file) is filling it.
    const leaveNothing = failed && isNew && !importRunning(db) && catalogIsEmpty(db);
    db.close();
    if (leaveNothing) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

function formatReport(r: ImportReport, catalog: string): string {
  const lines = [`${r.cancelled ? 'Cancelled import of' : 'Indexed'} ${r.root} into ${catalog}`];
  const counts: [string, number][] = [
    ['files found', r.found],
    ['added', r.added],
    ['changed', r.changed],
    ['unchanged', r.unchanged],
    ['moved', r.moved],
    ['missing', r.missing],
    ['failed', r.failed],
    ['not images', r.skipped],
  ];
  for (const [name, n] of counts) lines.push(`  ${name.padEnd(12)}${String(n).padStart(8)}`);
  const read = Math.round(r.hashedPerSec * r.seconds);
  lines.push(
    `  ${r.seconds.toFixed(2)} s, ${read ? `${read} files read (${Math.round(r.hashedPerSec)} per second)` : 'no file needed reading'}`,
  );
  for (const m of r.merged) lines.push(`  ${describeMerge(m, r.labelMode)}`);
  if (r.clusters !== undefined) lines.push(`  near-duplicate clusters updated: ${r.clusters} (review with \`winnow dups\`)`);
  if (r.failures.length) {
    lines.push(`Problems (${r.failures.length}):`);
    for (const f of r.failures) lines.push(`  ${visible(f.path)}: ${f.error}`);
  }
  if (r.labelProblems.length) {
    lines.push('Labels:');
    for (const p of r.labelProblems) lines.push(`  ${p}`);
  }
  return `${lines.join('\n')}\n`;
}
