// The Host's side of the Duplicates screen: one DupsService per open catalog with its heavy work in
// threads (dups-threads.ts), one clustering at a time and none during an import or export, and the
// last run read into memory shortly after a catalog opens.
import type Database from 'better-sqlite3';
import { SearchPool } from '../core/dups/parallel.ts';
import { UserError } from '../core/errors.ts';
import { DupsService } from './dups-service.ts';
import { threadedDupsCompute } from './dups-threads.ts';
import { HostError } from './errors.ts';

type Catalog = { db: Database.Database; path: string };

export class DupsHost {
  private service: DupsService | null = null;
  private serviceFor: string | null = null;
  private busy = false;
  private pool: SearchPool | null = null;
  private readonly jobsRunning: () => boolean;

  constructor(jobsRunning: () => boolean) {
    this.jobsRunning = jobsRunning;
  }

  /** Clustering writes the catalog: callers starting a job or opening another catalog check this. */
  get computing(): boolean {
    return this.busy;
  }

  /** Reads (sweep, load) need no lock. */
  get(catalog: Catalog): DupsService {
    if (this.serviceFor !== catalog.path || this.service === null) {
      // The search threads stay warm across calls (~40 ms to start) and catalogs.
      this.service = new DupsService(catalog.db, threadedDupsCompute(catalog.path, () => (this.pool ??= new SearchPool())));
      this.serviceFor = catalog.path;
    }
    return this.service;
  }

  /** Clustering and decisions write the catalog: not while an import is writing it too. */
  async write<T>(catalog: Catalog, run: (d: DupsService) => T | Promise<T>): Promise<T> {
    if (this.jobsRunning()) throw new HostError('An import or export is running; wait for it to finish before changing duplicates.');
    // Clustering runs in a thread, so another call (or a job) could arrive meanwhile.
    if (this.busy) throw new HostError('Clusters are still being computed; try again when they are shown.');
    this.busy = true;
    try {
      return await run(this.get(catalog));
    } catch (err) {
      throw err instanceof UserError && !(err instanceof HostError) ? new HostError(err.message) : err;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Reads the last cluster run into memory shortly after a catalog opens (once its first requests are
   * answered), so the Duplicates screen opens without the ~250 ms of loading 10,000 clusters.
   */
  warmUp(stillOpen: () => Catalog | null): void {
    const timer = setTimeout(() => {
      const catalog = stillOpen();
      if (catalog === null || this.jobsRunning() || this.busy) return;
      try {
        this.get(catalog).load();
      } catch {
        // a catalog without clusters, or one being written: the screen loads it when asked
      }
    }, 300);
    timer.unref();
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
