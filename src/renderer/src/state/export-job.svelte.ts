// The export form's settings and the one export job, driven through the contract like the import:
// progress and the end (report + read_example.py) arrive as events. Module-level: survives screen switches.
import type { ExportReport, Methods, Progress } from '../../../shared/contract.ts';
import { EXPORT_OPTIONAL_FEATURES } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

export type ExportArgs = Methods['export.start']['args'];
export type TransformArgs = Pick<ExportArgs, 'size' | 'mode' | 'quality' | 'chroma' | 'passthrough'>;
/** The core's default (settings.ts), restated: the renderer does not import core modules. */
export const DEFAULT_NAME_TEMPLATE = 'train-{shard:02}-{count}.tfrec';
export type OptionalFeature = (typeof EXPORT_OPTIONAL_FEATURES)[number];

class ExportJob {
  outDir = $state('');
  keepSize = $state(false);
  width = $state(512);
  height = $state(512);
  mode = $state<Exclude<ExportArgs['mode'], 'none'>>('fill-crop');
  quality = $state(90);
  chroma = $state<ExportArgs['chroma']>('420');
  passthrough = $state(true);
  features = $state<Record<OptionalFeature, boolean>>({ label: false, height: false, width: false, one_hot_class: false, fold: false, sha256: false });
  gzip = $state(false);
  overwrite = $state(false);
  nameTemplate = $state(DEFAULT_NAME_TEMPLATE);

  jobId = $state<string | null>(null);
  progress = $state<Progress | null>(null);
  report = $state<ExportReport | null>(null);
  readExample = $state<string | null>(null);
  error = $state<string | null>(null);
  cancelling = $state(false);
  /** A start was sent and neither its reply nor its end has arrived yet. */
  private starting = $state(false);

  get running(): boolean {
    return this.jobId !== null || this.starting;
  }

  get valid(): boolean {
    return this.outDir.trim() !== '' && this.nameTemplate !== '' && this.transformArgs() !== null;
  }

  /** What decides the written bytes (for the preview and the estimate); null while a field is invalid. */
  transformArgs(): TransformArgs | null {
    const dim = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 16384;
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
    api.on('job.progress', (e) => {
      if (e.kind !== 'export') return;
      this.jobId ??= e.jobId;
      if (e.jobId === this.jobId) this.progress = e.progress;
    });
    api.on('job.done', (e) => {
      if (e.kind !== 'export' || (this.jobId !== null && e.jobId !== this.jobId)) return;
      this.jobId = null;
      this.starting = false;
      this.progress = null;
      this.cancelling = false;
      this.report = e.report ?? null;
      this.readExample = e.readExample ?? null;
      this.error = e.error ?? null;
    });
  }

  args(): ExportArgs {
    return {
      outDir: this.outDir.trim(),
      ...this.transformArgs()!,
      features: this.featureList(),
      gzip: this.gzip,
      overwrite: this.overwrite,
      nameTemplate: this.nameTemplate,
    };
  }

  featureList(): OptionalFeature[] {
    return EXPORT_OPTIONAL_FEATURES.filter((f) => this.features[f]);
  }

  async start(): Promise<void> {
    this.error = null;
    this.report = null;
    this.readExample = null;
    this.starting = true;
    try {
      const { jobId } = await api.invoke('export.start', this.args());
      // A small export can finish before the reply arrives; then job.done already cleared the state.
      if (this.starting) {
        this.jobId = jobId;
        this.progress ??= { phase: 'export', done: 0, total: 0, ratePerSec: 0, etaSec: null };
      }
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.jobId) return;
    this.cancelling = true;
    await api.invoke('job.cancel', { jobId: this.jobId });
  }
}

export const exportJob = new ExportJob();
