// The open catalog as the screens see it: summary, failures, and what went wrong last.
import type { AppInfo, CatalogSummary, Failure, RecentCatalog } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

const RECENT_KEY = 'winnow.lastCatalog';

class CatalogStore {
  info = $state<AppInfo | null>(null);
  summary = $state<CatalogSummary | null>(null);
  failures = $state<Failure[]>([]);
  /** Catalogs opened before (by either shell), most recent first. */
  recent = $state<RecentCatalog[]>([]);
  error = $state<string | null>(null);
  opening = $state(false);
  loaded = $state(false);
  /** Bumped whenever the images may have changed, so views refetch. */
  revision = $state(0);

  get lastPath(): string {
    return localStorage.getItem(RECENT_KEY) ?? '';
  }

  async load(): Promise<void> {
    try {
      this.info = await api.invoke('app.info', {});
      this.summary = await api.invoke('catalog.summary', {});
      if (this.summary) await this.loadFailures();
      await this.loadRecent();
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  async open(path: string): Promise<boolean> {
    this.opening = true;
    try {
      this.summary = await api.invoke('catalog.open', { path });
      localStorage.setItem(RECENT_KEY, this.summary.path);
      this.error = null;
      await this.loadFailures();
      this.revision++;
      await this.loadRecent();
      return true;
    } catch (err) {
      this.error = (err as Error).message;
      return false;
    } finally {
      this.opening = false;
    }
  }

  async refresh(): Promise<void> {
    try {
      this.summary = await api.invoke('catalog.summary', {});
      await this.loadFailures();
      this.revision++;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** Counts only (no grid refetch): cheap enough to follow a running import. */
  async refreshCounts(): Promise<void> {
    try {
      this.summary = await api.invoke('catalog.summary', {});
    } catch {
      // the final refresh at the end of the job reports errors
    }
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await api.invoke('catalog.recent', {});
    } catch {
      this.recent = []; // a convenience list: never worth an error banner
    }
  }

  private async loadFailures(): Promise<void> {
    this.failures = await api.invoke('images.failures', {});
  }
}

export const catalog = new CatalogStore();
