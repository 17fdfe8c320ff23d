import { resolve } from 'node:path';
import { inspectFile, type Inspection } from '../core/viewer/inspect.ts';
import { verifyPath } from '../core/viewer/verify.ts';
import { optionalInt, parse, UsageError } from './args.ts';
import { plural, printJson, printText, visible } from './text-out.ts';

export const INSPECT_USAGE = `winnow inspect FILE.tfrec[.gz] [--record N] [--json]
  Shows the file's schema (feature names, kinds, value counts), record count, CRC status, a label
  histogram, and with --record N every feature of record N (image sizes read from their headers).`;

export const VERIFY_USAGE = `winnow verify DIR|FILE [--json]
  Checks every record's CRCs, that each Example parses and each image decodes, that counts match the
  shard names and manifest.json, and the files' sha256. Problems name the file and byte offset.
  Exit code 1 if anything is wrong.`;

export async function inspectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { record: { type: 'string' }, json: { type: 'boolean' } }, 1);
  if (!positionals[0]) throw new UsageError('inspect needs a .tfrec file');
  const result = await inspectFile(resolve(positionals[0]), { record: optionalInt(values, 'record', 0, 1e9) });
  if (result.missingRecord) throw new UsageError(`${visible(result.file)}: ${result.missingRecord}`);
  if (values.json) printJson(result);
  else printText(formatInspection(result));
  return 0;
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 1);
  if (!positionals[0]) throw new UsageError('verify needs a folder or a .tfrec file');
  const report = await verifyPath(resolve(positionals[0]));
  if (values.json) printJson(report);
  else {
    for (const f of report.files) {
      printText(`${f.problems.length ? 'FAIL' : 'ok  '} ${visible(f.file)} (${plural(f.records, 'record')})\n`);
      for (const p of f.problems) printText(`     ${p}\n`);
    }
    process.stdout.write(report.ok ? 'All files are intact.\n' : 'Some files are damaged (see above).\n');
  }
  return report.ok ? 0 : 1;
}

function formatInspection(r: Inspection): string {
  const lines = [
    `${r.file}: ${plural(r.records, 'record')}${r.compression !== 'none' ? ` (${r.compression})` : ''}, CRCs ${r.errors.length ? 'DAMAGED' : 'ok'}`,
    'Features:',
  ];
  for (const f of r.schema.features) {
    const fixed = f.present === r.records && f.minValues === f.maxValues;
    lines.push(
      `  ${visible(f.name).padEnd(20)} ${f.kind.padEnd(6)} ${fixed ? `FixedLen[${f.minValues}]` : `VarLen (${f.minValues}..${f.maxValues} values, in ${plural(f.present, 'record')})`}`,
    );
  }
  if (r.labelHistogram) {
    lines.push(`Histogram of ${r.labelHistogram.feature}:`);
    for (const [k, n] of Object.entries(r.labelHistogram.counts)) lines.push(`  ${visible(k).padEnd(20)} ${String(n).padStart(7)}`);
  }
  if (r.record) {
    lines.push(`Record ${r.record.index} (byte ${r.record.offset}):`);
    for (const f of r.record.features)
      lines.push(
        `  ${visible(f.name).padEnd(20)} ${f.values.map((v) => visible(String(v))).join(', ')}${f.count > f.values.length ? ` … (${f.count} values)` : ''}`,
      );
  }
  for (const e of r.errors) lines.push(`Problem: ${e}`);
  return `${lines.join('\n')}\n`;
}
