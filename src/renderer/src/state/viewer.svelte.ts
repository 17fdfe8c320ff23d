// Open TFRecord files of the Record viewer. Module-level so the files stay open across screen
// switches; each file re-reads its records on the host per request (nothing is cached server-side).
import type { ViewerInspection, ViewerPage, ViewerSample } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

export const PAGE_SIZE = 24;

const message = (err: unknown): string => (err as Error).message ?? String(err);

export class TfrecFile {
  readonly path: string;
  info = $state<ViewerInspection | null>(null);
  error = $state<string | null>(null);
  loading = $state(true);
  page = $state<ViewerPage | null>(null);
  pageLoading = $state(false);
  detail = $state<NonNullable<ViewerInspection['record']> | null>(null);
  detailSample = $state<ViewerSample | null>(null);
  detailError = $state<string | null>(null);
  private pageAsk = 0;
  private detailAsk = 0;

  constructor(path: string) {
    this.path = path;
  }

  get name(): string {
    return this.info?.file.split('/').pop() ?? this.path.split('/').pop() ?? this.path;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.info = await api.invoke('viewer.inspect', { path: this.path });
      if (this.info.records > 0) await Promise.all([this.showPage(0), this.jump(0)]);
    } catch (err) {
      this.error = message(err);
    } finally {
      this.loading = false;
    }
  }

  async showPage(offset: number): Promise<void> {
    const ask = ++this.pageAsk;
    this.pageLoading = true;
    try {
      const page = await api.invoke('viewer.samples', { path: this.path, offset, limit: PAGE_SIZE });
      if (ask === this.pageAsk) this.page = page;
    } catch (err) {
      if (ask === this.pageAsk) this.error = message(err);
    } finally {
      if (ask === this.pageAsk) this.pageLoading = false;
    }
  }

  /** Every feature of record n, and its picture. */
  async jump(n: number): Promise<void> {
    const ask = ++this.detailAsk;
    const records = this.info?.records ?? 0;
    if (!Number.isInteger(n) || n < 0 || n >= records) {
      this.detailError = `There is no record ${n}: this file has records 0 to ${Math.max(0, records - 1)}.`;
      return;
    }
    this.detailError = null;
    try {
      const [inspection, page] = await Promise.all([
        api.invoke('viewer.inspect', { path: this.path, record: n }),
        api.invoke('viewer.samples', { path: this.path, offset: n, limit: 1 }),
      ]);
      if (ask !== this.detailAsk) return;
      this.detail = inspection.record;
      this.detailSample = page.items[0] ?? null;
      if (!inspection.record) this.detailError = inspection.errors.at(-1) ?? `Record ${n} could not be read.`;
    } catch (err) {
      if (ask === this.detailAsk) this.detailError = message(err);
    }
  }
}

class Viewer {
  files = $state<TfrecFile[]>([]);
  active = $state(0);

  get current(): TfrecFile | null {
    return this.files[this.active] ?? null;
  }

  /** Opens a file (or shows it again if it is already open). */
  async open(path: string): Promise<void> {
    const trimmed = path.trim();
    if (!trimmed) return;
    const existing = this.files.findIndex((f) => f.path === trimmed);
    if (existing >= 0) {
      this.active = existing;
      return this.files[existing]!.load();
    }
    const file = new TfrecFile(trimmed);
    this.files = [...this.files, file];
    this.active = this.files.length - 1;
    await file.load();
  }

  close(i: number): void {
    this.files = this.files.filter((_, j) => j !== i);
    this.active = Math.min(this.active, Math.max(0, this.files.length - 1));
  }
}

export const viewer = new Viewer();
