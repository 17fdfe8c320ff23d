import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openForCli, openForReading } from './open-catalog.ts';
import { listSources, removeSource, type SourceInfo } from '../core/catalog/sources.ts';
import { describeLabels } from '../../shared/source-text.ts';
import { parse, requireString, UsageError } from './args.ts';
import { printJson, printText, visible } from './text-out.ts';

export const SOURCES_USAGE = `winnow sources --catalog FILE [--json]
winnow sources --catalog FILE --remove PATH|ID [--json]
  Lists the folders imported into the catalog: id, images, label source, last import, folder.
  --remove forgets one source, named by its folder or id: its images leave the catalog (with their
  hashes, cluster memberships and folds) and clusters are brought up to date. No file is touched;
  importing the folder again brings its images back.`;

export async function sourcesCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { catalog: { type: 'string' }, remove: { type: 'string' }, json: { type: 'boolean' } }, 0);
  const catalog = resolve(requireString(values, 'catalog'));
  const target = values.remove as string | undefined;
  if (target === undefined) {
    const db = openForReading(catalog);
    try {
      const sources = listSources(db);
      if (values.json) printJson(sources);
      else printText(formatSources(sources));
      return 0;
    } finally {
      db.close();
    }
  }
  const db = openForCli(catalog);
  try {
    const source = findByPathOrId(db, target);
    const removed = removeSource(db, source.id)!;
    if (values.json) printJson(removed);
    else {
      const images = `${removed.images} ${removed.images === 1 ? 'image' : 'images'}`;
      const clusters = removed.clusters === null ? '' : `\nNear-duplicate clusters updated: ${removed.clusters}.`;
      printText(
        `Removed source ${visible(removed.root.replace(/\/$/, ''))}/ and its ${images} from the catalog; no file was touched.${clusters}\n`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
}

function findByPathOrId(db: Database.Database, target: string): SourceInfo {
  const sources = listSources(db);
  const byId = /^\d+$/.test(target) ? sources.find((s) => s.id === Number(target)) : undefined;
  if (byId) return byId;
  // Sources are stored with symlinks resolved; the folder may also be gone already (then as typed).
  const names = new Set([resolve(target)]);
  try {
    names.add(realpathSync(target));
  } catch {
    // no such folder any more: only the typed name can match
  }
  const byPath = sources.find((s) => names.has(s.root));
  if (byPath) return byPath;
  throw new UsageError(`${target} is not a source of this catalog; \`winnow sources --catalog FILE\` lists them.`);
}

function formatSources(sources: SourceInfo[]): string {
  if (sources.length === 0) return 'No sources: this catalog has no imported folder yet.\n';
  const rows = sources.map((s) => [
    String(s.id),
    String(s.images),
    visible(describeLabels(s.labels, s.labelMap)),
    when(s.lastImportAt),
    `${visible(s.root.replace(/\/$/, ''))}/`,
  ]);
  const header = ['ID', 'IMAGES', 'LABELS', 'LAST IMPORT', 'FOLDER'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string =>
    r.map((v, c) => (c === r.length - 1 ? v : c < 2 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

/** Local time to the minute, sortable: 2025-03-14 09:26. */
function when(ms: number | null): string {
  if (ms === null) return 'never';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
