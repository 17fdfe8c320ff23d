// Paged access to the catalog's images for the virtualised grid: only pages near the visible rows
// are fetched, so 100k images cost a few hundred rows in memory, not 100k.
import type { ImageItem, ImageSort, ImageStatus } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

const PAGE = 240;
const KEEP_PAGES = 12;

export class ImageGrid {
  /** undefined = all labels; '' = unlabelled. */
  label = $state<string | undefined>(undefined);
  status = $state<ImageStatus | undefined>(undefined);
  /** The order the core sorts in (SQL), so paging stays consistent. */
  sort = $state<ImageSort>('path');
  total = $state(0);
  error = $state<string | null>(null);
  loading = $state(false);
  /** The keyboard's cell (an index into the filtered list): the grid's one tab stop. */
  active = $state(0);
  private pages = new Map<number, ImageItem[]>();
  private requested = new Set<number>();
  private generation = 0;
  /** Bumped when a page lands; item() reads it so the grid re-renders. */
  private version = $state(0);

  /** Starts over (new filter, new import): counts again and drops every cached page. */
  async reset(): Promise<void> {
    const gen = ++this.generation;
    this.pages.clear();
    this.requested.clear();
    this.active = 0; // another filter or catalog: its first image, not an index into the old list
    this.loading = true;
    try {
      const first = await this.fetch(0);
      if (gen !== this.generation) return;
      this.total = first.total;
      this.pages.set(0, first.items);
      this.requested.add(0);
      this.error = null;
    } catch (err) {
      if (gen === this.generation) this.error = (err as Error).message;
    } finally {
      if (gen === this.generation) {
        this.loading = false;
        this.version++;
      }
    }
  }

  item(index: number): ImageItem | undefined {
    void this.version;
    return this.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  }

  /** Makes sure the rows from `first` to `last` (item indexes) are loaded or on their way. */
  ensure(first: number, last: number): void {
    const gen = this.generation;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last) / PAGE); p++) {
      if (this.requested.has(p) || p * PAGE >= this.total) continue;
      this.requested.add(p);
      this.fetch(p * PAGE).then(
        (page) => {
          if (gen !== this.generation) return;
          this.pages.set(p, page.items);
          this.evict(p);
          this.version++;
        },
        () => this.requested.delete(p),
      );
    }
  }

  private fetch(offset: number) {
    return api.invoke('images.list', {
      offset,
      limit: PAGE,
      sort: this.sort,
      ...(this.label !== undefined ? { label: this.label } : {}),
      ...(this.status !== undefined ? { status: this.status } : {}),
    });
  }

  // Far-away pages are dropped so scrolling through 100k images keeps memory flat.
  private evict(near: number): void {
    if (this.pages.size <= KEEP_PAGES) return;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
    for (const p of far.slice(0, this.pages.size - KEEP_PAGES)) {
      this.pages.delete(p);
      this.requested.delete(p);
    }
  }
}
