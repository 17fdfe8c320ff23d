import { resolve } from 'node:path';
import type { ExportReport as ContractReport, Methods } from '../../shared/contract.ts';
import { EXPORT_OPTIONAL_FEATURES } from '../../shared/contract.ts';
import type { ExportReport } from '../core/export/export.ts';
import { DEFAULT_NAME_TEMPLATE, defaultFeatures, type ExportSettings, type FeatureId } from '../core/export/settings.ts';
import type { ResizeMode } from '../core/export/transform.ts';
import { expandPath } from './complete.ts';

// The screen's export form → the core's settings, with the CLI's defaults for what the form does not
// offer (every fold, one shard per fold, seed 42, the notebook's name template).

// The contract restates core types and lists; these lines fail to compile if they drift apart.
export const sameExportReport = (r: ExportReport): ContractReport => r;
const FEATURES: readonly FeatureId[] = EXPORT_OPTIONAL_FEATURES;

export class ExportArgsError extends Error {
  override name = 'ExportArgsError';
}

export function exportSettings(args: Methods['export.start']['args']): ExportSettings {
  if (args.size && args.mode === 'none') throw new ExportArgsError('Choose a resize mode, or "keep size" to export the images as they are.');
  const mode: ResizeMode = args.size ? args.mode : 'none';
  return {
    outDir: resolve(expandPath(args.outDir)),
    folds: null,
    maxRecordsPerShard: null,
    maxBytesPerShard: null,
    seed: 42,
    transform: {
      size: args.size,
      mode,
      quality: args.quality,
      chroma: args.chroma,
      passthrough: args.passthrough,
    },
    features: defaultFeatures(FEATURES.filter((f) => (args.features as readonly string[]).includes(f))),
    nameTemplate: DEFAULT_NAME_TEMPLATE,
    compression: args.gzip ? 'gzip' : 'none',
    overwrite: args.overwrite,
  };
}
