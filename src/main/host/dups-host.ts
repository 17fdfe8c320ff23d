// The Host's side of the Duplicates screen: one DupsService per open catalog with its heavy work in
// threads (dups-threads.ts), and the last run read into memory shortly after a catalog opens.
// Serialising its writes is the host's write lock's job (handlers/dups.ts).
import { SearchPool } from '../core/dups/parallel.ts';
import type { Catalog } from './context.ts';
import { DupsService } from './dups-service.ts';
import { threadedDupsCompute } from './dups-threads.ts';

export class DupsHost {
  private service: DupsService | null = null;
  private serviceFor: Catalog | null = null;
  private pool: SearchPool | null = null;

  get(catalog: Catalog): DupsService {
    if (this.serviceFor !== catalog || this.service === null) {
      // The search threads stay warm across calls (~40 ms to start) and catalogs.
      this.service = new DupsService(
        catalog.db,
        threadedDupsCompute(catalog.path, () => (this.pool ??= new SearchPool())),
      );
      this.serviceFor = catalog;
    }
    return this.service;
  }

  /**
   * Reads the last cluster run into memory shortly after a catalog opens (once its first requests are
   * answered), so the Duplicates screen opens without the ~250 ms of loading 10,000 clusters.
   * `idle` says whether nothing is writing the catalog now.
   */
  warmUp(stillOpen: () => Catalog | null, idle: () => boolean): void {
    const timer = setTimeout(() => {
      const catalog = stillOpen();
      if (catalog === null || !idle()) return;
      try {
        this.get(catalog).load();
      } catch {
        // a catalog without clusters: the screen loads it when asked
      }
    }, 300);
    timer.unref();
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
