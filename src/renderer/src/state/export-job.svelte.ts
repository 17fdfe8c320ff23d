// The export form's settings and the one export job, driven through the contract like the import:
// progress and the end (report + read_example.py) arrive as events. Module-level: survives screen
// switches; the host keeps each catalog's last started settings, which come back when it is opened.
import type { ExportFormSettings, Methods } from '../../../shared/contract.ts';
import { DEFAULT_NAME_TEMPLATE, EXPORT_OPTIONAL_FEATURES } from '../../../shared/contract.ts';
import { MAX_IMAGE_SIDE } from '../../../shared/limits.ts';

export { DEFAULT_NAME_TEMPLATE };
import { api } from '../lib/transport.ts';
import { JobStore } from './job.svelte.ts';

export type ExportArgs = Methods['export.start']['args'];
export type TransformArgs = Pick<ExportArgs, 'size' | 'mode' | 'quality' | 'chroma' | 'passthrough'>;
/** The core's default (settings.ts), restated: the renderer does not import core modules. */
export type OptionalFeature = (typeof EXPORT_OPTIONAL_FEATURES)[number];

/** The form before any export of a catalog. */
const DEFAULTS: ExportFormSettings = {
  outDir: '',
  size: { width: 512, height: 512 },
  mode: 'fill-crop',
  quality: 90,
  chroma: '420',
  passthrough: true,
  features: [],
  gzip: false,
  nameTemplate: DEFAULT_NAME_TEMPLATE,
  unlabelled: 'skip',
};

class ExportJob extends JobStore<'export'> {
  outDir = $state('');
  keepSize = $state(false);
  width = $state(512);
  height = $state(512);
  mode = $state<Exclude<ExportArgs['mode'], 'none'>>('fill-crop');
  quality = $state(90);
  chroma = $state<ExportArgs['chroma']>('420');
  passthrough = $state(true);
  features = $state<Record<OptionalFeature, boolean>>({
    label: false,
    height: false,
    width: false,
    one_hot_class: false,
    fold: false,
    sha256: false,
  });
  gzip = $state(false);
  overwrite = $state(false);
  nameTemplate = $state(DEFAULT_NAME_TEMPLATE);
  /** Only offered when labelled and unlabelled images mix; otherwise the plan decides alone. */
  includeUnlabelled = $state(false);

  /** The read_example.py written next to the shards by the last export. */
  readExample = $state<string | null>(null);
  /** The catalog whose settings the form holds; another one brings its own (or the defaults). */
  private restoredFor: string | null = null;

  get valid(): boolean {
    return this.outDir.trim() !== '' && this.nameTemplate !== '' && this.transformArgs() !== null;
  }

  /** What decides the written bytes (for the preview and the estimate); null while a field is invalid. */
  transformArgs(): TransformArgs | null {
    const dim = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_IMAGE_SIDE;
    const q = Number.isInteger(this.quality) && this.quality >= 1 && this.quality <= 100;
    if (!q || (!this.keepSize && !(dim(this.width) && dim(this.height)))) return null;
    return {
      size: this.keepSize ? null : { width: this.width, height: this.height },
      mode: this.keepSize ? 'none' : this.mode,
      quality: this.quality,
      chroma: this.chroma,
      passthrough: this.passthrough,
    };
  }

  constructor() {
    super('export', { onDone: (done) => (this.readExample = done.readExample ?? null) });
  }

  args(): ExportArgs {
    return {
      outDir: this.outDir.trim(),
      ...this.transformArgs()!,
      features: this.featureList(),
      gzip: this.gzip,
      overwrite: this.overwrite,
      nameTemplate: this.nameTemplate,
      unlabelled: this.unlabelledPolicy(),
    };
  }

  unlabelledPolicy(): ExportArgs['unlabelled'] & {} {
    return this.includeUnlabelled ? 'include' : 'skip';
  }

  featureList(): OptionalFeature[] {
    return EXPORT_OPTIONAL_FEATURES.filter((f) => this.features[f]);
  }

  start(): Promise<void> {
    this.readExample = null;
    return this.begin(() => api.invoke('export.start', this.args()));
  }

  /** Fills the form with the catalog's last export settings, once per newly opened catalog. */
  async restore(catalogPath: string): Promise<void> {
    if (this.restoredFor === catalogPath) return;
    this.restoredFor = catalogPath;
    const before = this.formSettings();
    let kept: ExportFormSettings | null = null;
    try {
      kept = await api.invoke('export.lastSettings', {});
    } catch {
      // Nothing remembered can be read: the defaults are a working form.
    }
    // A field edited while the answer was on its way wins over anything remembered.
    if (this.restoredFor !== catalogPath || JSON.stringify(this.formSettings()) !== JSON.stringify(before)) return;
    this.apply(kept ?? DEFAULTS);
  }

  private formSettings(): ExportFormSettings {
    return {
      outDir: this.outDir,
      size: this.keepSize ? null : { width: this.width, height: this.height },
      mode: this.keepSize ? 'none' : this.mode,
      quality: this.quality,
      chroma: this.chroma,
      passthrough: this.passthrough,
      features: this.featureList(),
      gzip: this.gzip,
      nameTemplate: this.nameTemplate,
      unlabelled: this.unlabelledPolicy(),
    };
  }

  private apply(s: ExportFormSettings): void {
    this.outDir = s.outDir;
    this.keepSize = s.size === null;
    if (s.size) ({ width: this.width, height: this.height } = s.size);
    if (s.mode !== 'none') this.mode = s.mode;
    this.quality = s.quality;
    this.chroma = s.chroma;
    this.passthrough = s.passthrough;
    this.features = Object.fromEntries(EXPORT_OPTIONAL_FEATURES.map((f) => [f, s.features.includes(f)])) as Record<
      OptionalFeature,
      boolean
    >;
    this.gzip = s.gzip;
    this.nameTemplate = s.nameTemplate;
    this.includeUnlabelled = s.unlabelled === 'include';
    this.overwrite = false;
  }
}

export const exportJob = new ExportJob();
