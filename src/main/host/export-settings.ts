import { resolve } from 'node:path';
import type { ExportFormSettings, ExportReport as ContractReport, Methods } from '../../shared/contract.ts';
import { EXPORT_OPTIONAL_FEATURES, validateArgs, ValidationError, type UnlabelledPolicy } from '../../shared/contract.ts';
import type { ExportReport } from '../core/export/export.ts';
import { UNLABELLED_POLICIES as CORE_POLICIES } from '../core/export/plan.ts';
import type { RememberedExportSettings } from '../core/export/remembered.ts';
import {
  checkTemplate,
  DEFAULT_NAME_TEMPLATE,
  defaultFeatures,
  ExportSettingsError,
  type ExportSettings,
  type FeatureId,
} from '../core/export/settings.ts';
import type { ResizeMode, TransformSettings } from '../core/export/transform.ts';
import { expandPath } from './complete.ts';
import { UserError } from '../core/errors.ts';

// The screen's export form → the core's settings, with the CLI's defaults for what the form does not
// offer (every fold, one shard per fold, seed 42).

// The contract restates core types and lists; these lines fail to compile if they drift apart.
export const sameExportReport = (r: ExportReport): ContractReport => r;
const FEATURES: readonly FeatureId[] = EXPORT_OPTIONAL_FEATURES;
export const sameUnlabelledPolicies: readonly UnlabelledPolicy[] = CORE_POLICIES;

export class ExportArgsError extends UserError {
  override name = 'ExportArgsError';
}

type TransformArgs = Pick<Methods['export.start']['args'], 'size' | 'mode' | 'quality' | 'chroma' | 'passthrough'>;

/** The form's size / mode / quality / chroma / passthrough → the transform the export runs. */
export function transformSettings(args: TransformArgs): TransformSettings {
  if (args.size && args.mode === 'none')
    throw new ExportArgsError('Choose a resize mode, or "keep size" to export the images as they are.');
  const mode: ResizeMode = args.size ? args.mode : 'none';
  return { size: args.size, mode, quality: args.quality, chroma: args.chroma, passthrough: args.passthrough };
}

export function featureNames(features: readonly string[]): ExportSettings['features'] {
  return defaultFeatures(FEATURES.filter((f) => features.includes(f)));
}

/** The template's problem in the user's words, or null. The form never splits a fold into parts. */
export function templateProblem(template: string): string | null {
  try {
    checkTemplate(template, false);
    return null;
  } catch (err) {
    if (err instanceof ExportSettingsError) return err.message;
    throw err;
  }
}

export function exportSettings(args: Methods['export.start']['args']): ExportSettings {
  const transform = transformSettings(args);
  const nameTemplate = args.nameTemplate ?? DEFAULT_NAME_TEMPLATE;
  const problem = templateProblem(nameTemplate);
  if (problem) throw new ExportArgsError(problem);
  return {
    outDir: resolve(expandPath(args.outDir)),
    folds: null,
    maxRecordsPerShard: null,
    maxBytesPerShard: null,
    seed: 42,
    transform,
    features: featureNames(args.features),
    nameTemplate,
    compression: args.gzip ? 'gzip' : 'none',
    overwrite: args.overwrite,
    unlabelled: args.unlabelled ?? 'skip',
  };
}

/**
 * Remembered settings → the form's fields. Checked as export.start would check them: settings kept
 * by another Winnow version that the form cannot show are dropped rather than shown half.
 */
export function formSettings(kept: RememberedExportSettings | null): ExportFormSettings | null {
  if (!kept) return null;
  const t = kept.transform;
  try {
    const { overwrite: _, ...form } = validateArgs('export.start', {
      outDir: kept.outDir,
      size: t.size,
      mode: t.mode,
      quality: t.quality,
      chroma: t.chroma,
      passthrough: t.passthrough,
      features: FEATURES.filter((f) => kept.features[f] !== undefined),
      gzip: kept.compression === 'gzip',
      overwrite: false,
      nameTemplate: kept.nameTemplate,
      unlabelled: kept.unlabelled,
    });
    return { ...form, nameTemplate: form.nameTemplate ?? DEFAULT_NAME_TEMPLATE, unlabelled: form.unlabelled ?? 'skip' };
  } catch (err) {
    if (err instanceof ValidationError) return null;
    throw err;
  }
}
