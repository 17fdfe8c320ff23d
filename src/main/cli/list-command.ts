import { resolve } from 'node:path';
import { openForReading } from './open-catalog.ts';
import { listImages, type ImageListRow } from '../core/catalog/images.ts';
import { parse, requireString, UsageError } from './args.ts';
import { csvField } from './csv-out.ts';
import { printJson, printText } from './text-out.ts';

export const LIST_USAGE = `winnow list --catalog FILE --csv|--json
  Prints one row per image: path (relative to its source folder), label, status, width, height, format,
  sha256, ahash, phash, dhash, whash, blockhash, error, source. A CSV cell that starts with =, +, -, @,
  a tab or a carriage return gets a leading ' (inside quotes) so a spreadsheet shows it instead of
  running it as a formula; control characters in names are printed as escapes (\\x1b). --json is exact.`;

const COLUMNS: (keyof ImageListRow)[] = [
  'path',
  'label',
  'status',
  'width',
  'height',
  'format',
  'sha256',
  'ahash',
  'phash',
  'dhash',
  'whash',
  'blockhash',
  'error',
  'source',
];

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { catalog: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' } }, 0);
  const catalog = requireString(values, 'catalog');
  if (!values.csv === !values.json) throw new UsageError('list needs exactly one of --csv or --json');
  const db = openForReading(resolve(catalog));
  try {
    const rows = listImages(db);
    if (values.json) printJson(rows);
    else {
      const out = [COLUMNS.join(',')];
      for (const row of rows) out.push(COLUMNS.map((c) => csvField(row[c])).join(','));
      printText(`${out.join('\n')}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
