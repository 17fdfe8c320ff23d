import type { Compression } from '../tfrecord/writer.ts';
import type { UnlabelledPolicy } from './plan.ts';
import type { TransformSettings } from './transform.ts';
import { UserError } from '../errors.ts';
import { DEFAULT_NAME_TEMPLATE, EXPORT_OPTIONAL_FEATURES } from '../../../shared/contract-types.ts';

/** Optional features beyond the notebook's image / target / image_name. */
export const OPTIONAL_FEATURES = EXPORT_OPTIONAL_FEATURES;
export const REQUIRED_FEATURES = ['image', 'target', 'image_name'] as const;
export type FeatureId = (typeof REQUIRED_FEATURES)[number] | (typeof OPTIONAL_FEATURES)[number];

export interface ExportSettings {
  outDir: string;
  /** Folds to export (each fold → one or more shards); null = every fold. */
  folds: number[] | null;
  maxRecordsPerShard: number | null;
  maxBytesPerShard: number | null;
  /** Record order inside each fold is shuffled with this seed. */
  seed: number;
  transform: TransformSettings;
  /** Feature id → name written in the Example; ids missing here are not written. */
  features: Partial<Record<FeatureId, string>>;
  /** Tokens: {shard} (global shard number), {fold}, {part} (shard within its fold), {count}; `:02` pads. */
  nameTemplate: string;
  compression: Compression;
  /** Replace an earlier export in outDir (only the files its manifest lists are removed). */
  overwrite: boolean;
  /** Unlabelled images when others have labels (plan.ts); default 'skip'. */
  unlabelled?: UnlabelledPolicy;
}

export { DEFAULT_NAME_TEMPLATE };

export function defaultFeatures(extra: readonly FeatureId[] = []): Partial<Record<FeatureId, string>> {
  const out: Partial<Record<FeatureId, string>> = {};
  for (const id of [...REQUIRED_FEATURES, ...extra]) out[id] = id;
  return out;
}

export class ExportSettingsError extends UserError {
  override name = 'ExportSettingsError';
}

/** Parses `image,target,image_name,label` or renames like `image=jpeg,target=class`. */
export function parseFeatureList(text: string): Partial<Record<FeatureId, string>> {
  const out: Partial<Record<FeatureId, string>> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, name = id] = part.split('=').map((s) => s.trim()) as [string, string?];
    if (![...REQUIRED_FEATURES, ...OPTIONAL_FEATURES].includes(id as FeatureId)) {
      throw new ExportSettingsError(`Unknown feature "${id}"; choose from ${[...REQUIRED_FEATURES, ...OPTIONAL_FEATURES].join(', ')}`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_/.-]*$/.test(name)) throw new ExportSettingsError(`Feature name "${name}" is not a valid tf.Example key`);
    out[id as FeatureId] = name!;
  }
  if (!out.image) throw new ExportSettingsError('The features must include image');
  const names = Object.values(out);
  if (new Set(names).size !== names.length) throw new ExportSettingsError(`Two features share a name: ${names.join(', ')}`);
  return out;
}

export function shardName(template: string, v: { shard: number; fold: number; part: number; count: number }): string {
  return template.replace(/\{(shard|fold|part|count)(?::0(\d+))?\}/g, (_, key: keyof typeof v, pad?: string) =>
    String(v[key]).padStart(pad ? Number(pad) : 0, '0'),
  );
}

/**
 * A compressed shard's name says so (`.gz`, `.zlib` appended unless the template already ends with it):
 * a plain `TFRecordDataset(files)` on a gzip file called `.tfrec` fails with DataLossError, and the
 * suffix tells the reader which compression_type to pass.
 */
export function compressedName(name: string, compression: Compression): string {
  const suffix = compression === 'gzip' ? '.gz' : compression === 'zlib' ? '.zlib' : '';
  return name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** Refuses templates that could give two shards one name or leave the notebook's count regex without a count. */
export function checkTemplate(template: string, splitFolds: boolean): void {
  if (/[/\\]/.test(template)) throw new ExportSettingsError('The shard name template must not contain a folder separator');
  if (!template.includes('{shard') && !(template.includes('{fold') && (!splitFolds || template.includes('{part')))) {
    throw new ExportSettingsError('The shard name template needs {shard}, or {fold} (and {part} when folds are split into several shards)');
  }
  const unknown = template.match(/\{(?!(shard|fold|part|count)(:0\d+)?\})[^}]*\}/);
  if (unknown) throw new ExportSettingsError(`Unknown token ${unknown[0]} in the shard name template`);
}
