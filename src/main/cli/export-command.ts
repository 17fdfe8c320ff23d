import { resolve } from 'node:path';
import { openForReading } from './open-catalog.ts';
import { runExport, type ExportReport } from '../core/export/export.ts';
import { DEFAULT_NAME_TEMPLATE, defaultFeatures, parseFeatureList, type ExportSettings } from '../core/export/settings.ts';
import type { ResizeMode } from '../core/export/transform.ts';
import { UNLABELLED_POLICIES, type UnlabelledPolicy } from '../core/export/plan.ts';
import { optionalInt, parse, requireString, UsageError } from './args.ts';
import { MAX_FOLDS, MAX_IMAGE_SIDE, MAX_SEED } from '../../shared/limits.ts';
import { RESIZE_MODES } from '../../shared/contract-types.ts';
import { testSetNote } from '../../shared/export-notes.ts';
import { withCancel } from './progress-bar.ts';
import { plural, printJson, printText, visible } from './text-out.ts';

export const EXPORT_USAGE = `winnow export --catalog FILE --out DIR [--size 512x512|none] [--resize fill-crop|stretch|fit-pad]
              [--quality 90] [--chroma 420|444] [--no-passthrough] [--folds all|0,1] [--max-records N]
              [--max-mb N] [--seed N] [--features image,target,image_name[,label,height,width,one_hot_class,fold,sha256]]
              [--name TEMPLATE] [--gzip|--zlib] [--unlabelled skip|include] [--overwrite] [--json]
  Writes the active images of each fold as TFRecord shards of tf.train.Example (image, target,
  image_name by default; rename with image=jpeg), named like the notebook (${DEFAULT_NAME_TEMPLATE}),
  with manifest.json, label_map.json, a .idx per shard and read_example.py. WIDTHxHEIGHT is exactly
  that (the notebook's cv2.resize(img, (HEIGHT, WIDTH)) swapped them). JPEGs already at the target
  size (or with --size none) are written byte for byte. Run \`winnow folds\` first.
  Unlabelled images next to labelled ones are left out and counted (skip, the default); include
  writes them with target -1. When no image has a label, every image is written without target,
  label or one_hot_class, as a test set.`;

const MODES: readonly ResizeMode[] = RESIZE_MODES;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      catalog: { type: 'string' },
      out: { type: 'string' },
      size: { type: 'string' },
      resize: { type: 'string' },
      quality: { type: 'string' },
      chroma: { type: 'string' },
      'no-passthrough': { type: 'boolean' },
      folds: { type: 'string' },
      'max-records': { type: 'string' },
      'max-mb': { type: 'string' },
      seed: { type: 'string' },
      features: { type: 'string' },
      name: { type: 'string' },
      gzip: { type: 'boolean' },
      zlib: { type: 'boolean' },
      overwrite: { type: 'boolean' },
      unlabelled: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  const catalog = requireString(values, 'catalog');
  const out = resolve(requireString(values, 'out'));
  const sizeText = (values.size as string | undefined) ?? '512x512';
  const size = sizeText === 'none' ? null : parseSize(sizeText);
  const mode = ((values.resize as string | undefined) ?? (size ? 'fill-crop' : 'none')) as ResizeMode;
  if (!MODES.includes(mode)) throw new UsageError(`--resize must be one of ${MODES.join(', ')}`);
  if (size && mode === 'none') throw new UsageError('--resize none goes with --size none');
  const quality = optionalInt(values, 'quality', 1, 100) ?? 90;
  const chroma = (values.chroma as string | undefined) ?? '420';
  if (chroma !== '420' && chroma !== '444') throw new UsageError('--chroma must be 420 or 444');
  if (values.gzip && values.zlib) throw new UsageError('choose one of --gzip and --zlib');
  const maxMb = optionalInt(values, 'max-mb', 1, 1024 * 1024); // up to a TiB per shard
  const unlabelled = ((values.unlabelled as string | undefined) ?? 'skip') as UnlabelledPolicy;
  if (!UNLABELLED_POLICIES.includes(unlabelled)) throw new UsageError(`--unlabelled must be skip or include, not "${unlabelled}"`);
  let features;
  try {
    features = values.features ? parseFeatureList(values.features as string) : defaultFeatures();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const settings: ExportSettings = {
    outDir: out,
    folds: parseFolds(values.folds as string | undefined),
    maxRecordsPerShard: optionalInt(values, 'max-records', 1, 1e9) ?? null,
    maxBytesPerShard: maxMb ? maxMb * 1024 * 1024 : null,
    seed: optionalInt(values, 'seed', 0, MAX_SEED) ?? 42,
    transform: { size, mode, quality, chroma, passthrough: !values['no-passthrough'] },
    features,
    nameTemplate: (values.name as string | undefined) ?? DEFAULT_NAME_TEMPLATE,
    compression: values.gzip ? 'gzip' : values.zlib ? 'zlib' : 'none',
    overwrite: Boolean(values.overwrite),
    unlabelled,
  };
  const db = openForReading(resolve(catalog));
  try {
    const report = await withCancel('the folder keeps what it held before', (signal, onProgress) =>
      runExport(db, settings, { signal, onProgress }),
    );
    if (values.json) printJson(report);
    else printText(formatReport(report));
    return 0;
  } finally {
    db.close();
  }
}

function parseSize(text: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > MAX_IMAGE_SIDE || Number(m[2]) > MAX_IMAGE_SIDE) {
    throw new UsageError(`--size must be WIDTHxHEIGHT (each 1 to ${MAX_IMAGE_SIDE}, e.g. 512x512) or none, not "${text}"`);
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

function parseFolds(text: string | undefined): number[] | null {
  if (text === undefined || text === 'all') return null;
  // Each item strictly: '' (from --folds '' or 1,,2) would otherwise read as fold 0.
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((s) => !/^\d+$/.test(s) || Number(s) >= MAX_FOLDS)) {
    throw new UsageError(`--folds must be all or a list of fold numbers (0 to ${MAX_FOLDS - 1}) like 0,1, not "${text}"`);
  }
  const folds = parts.map(Number);
  return [...new Set(folds)].sort((a, b) => a - b);
}

function formatReport(r: ExportReport): string {
  const lines = [
    ...r.recovered,
    `${r.cancelled ? 'Cancelled: nothing was left in' : 'Exported to'} ${r.outDir}`,
    ...(r.cancelled
      ? []
      : r.shards.map(
          (s) =>
            `  ${s.file.padEnd(28)} fold ${s.fold}  ${String(s.records).padStart(7)} records  ${(s.bytes / 1e6).toFixed(1).padStart(8)} MB`,
        )),
    `  ${plural(r.records, 'record')} (${r.passthrough} original JPEG bytes, ${r.reencoded} re-encoded) in ${r.seconds.toFixed(2)} s, ${Math.round(r.recordsPerSec)}/s`,
  ];
  if (r.unlabelled) lines.push(`  ${plural(r.unlabelled, 'unlabelled image')} written with target -1`);
  if (r.unlabelledLeftOut)
    lines.push(`  ${plural(r.unlabelledLeftOut, 'unlabelled image')} left out (--unlabelled include writes them with target -1)`);
  if (r.labelling === 'none') lines.push(`  ${testSetNote(r.features)}`);
  if (r.failures.length) lines.push(`Skipped (${r.failures.length}):`, ...r.failures.map((f) => `  ${visible(f.path)}: ${f.error}`));
  if (!r.cancelled) lines.push('Read them with: python read_example.py (next to the shards)');
  return `${lines.join('\n')}\n`;
}
