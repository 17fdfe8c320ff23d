// The window of a virtualised list of equal-height rows: which rows exist in the DOM for the current
// scroll position (plus an overscan above and below), so 100k rows cost as much as the few in view.
// Shared by the cluster list and the thumbnail grid (whose rows are lines of cells).

export class VirtualRows {
  /** The scrolling element; bind it with bind:this. */
  viewport = $state<HTMLElement | undefined>();
  /** The viewport's height; bind it with bind:clientHeight. */
  height = $state(0);
  scrollTop = $state(0);
  // Set by the constructor; the defaults only keep the deriveds below type-correct.
  #count: () => number = () => 0;
  #rowHeight: () => number = () => 1;
  #overscan = 0;
  #frame = 0;

  readonly first = $derived(Math.max(0, Math.floor(this.scrollTop / this.#rowHeight()) - this.#overscan));
  readonly last = $derived(Math.min(this.#count() - 1, Math.ceil((this.scrollTop + this.height) / this.#rowHeight()) + this.#overscan));
  /** The row indexes to render, top to bottom. */
  readonly rows = $derived.by(() => {
    const out: number[] = [];
    for (let r = this.first; r <= this.last; r++) out.push(r);
    return out;
  });
  /** Whole rows that fit in the viewport: the step of Page Up / Page Down. */
  readonly perPage = $derived(Math.max(1, Math.floor(this.height / this.#rowHeight())));

  /** Getters, not values, so the count and row height can follow the caller's own state. */
  constructor(count: () => number, rowHeight: () => number, overscan: number) {
    this.#count = count;
    this.#rowHeight = rowHeight;
    this.#overscan = overscan;
  }

  /** The total height of all rows, for the spacer that gives the scroll bar its size. */
  get totalHeight(): number {
    return this.#count() * this.#rowHeight();
  }

  // One state write per frame however fast scroll events arrive.
  onscroll = (e: Event): void => {
    const el = e.currentTarget as HTMLElement;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => (this.scrollTop = el.scrollTop));
  };

  /** Scrolls the least distance that shows `row` whole; the rows there render without waiting for the scroll event. */
  reveal(row: number): void {
    const el = this.viewport;
    if (!el || this.height === 0) return;
    const h = this.#rowHeight();
    const top = row * h;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + h > el.scrollTop + this.height) el.scrollTop = top + h - this.height;
    else return;
    this.scrollTop = el.scrollTop;
  }
}
