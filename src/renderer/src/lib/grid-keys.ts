// Where a key moves the active cell of a grid laid out row by row (`cols` cells a row, `total` cells,
// the last row possibly short), as the ARIA grid pattern describes. Pure, so it is tested on its own.

export interface GridShape {
  cols: number;
  total: number;
  /** Whole rows in view: the step of Page Up / Page Down. */
  perPage: number;
}

/** The index the key moves to from `at`, or null when the key is not a grid movement key. */
export function gridMove(key: string, ctrl: boolean, at: number, { cols, total, perPage }: GridShape): number | null {
  if (total <= 0) return null;
  const last = total - 1;
  const row = Math.floor(at / cols);
  const lastRow = Math.floor(last / cols);
  // Vertical moves keep the column; a short last row is reached at its last cell.
  const toRow = (r: number): number => Math.min(last, Math.max(0, Math.min(lastRow, r)) * cols + (at % cols));
  switch (key) {
    case 'ArrowRight':
      return Math.min(last, at + 1);
    case 'ArrowLeft':
      return Math.max(0, at - 1);
    case 'ArrowDown':
      return toRow(row + 1);
    case 'ArrowUp':
      return toRow(row - 1);
    case 'PageDown':
      return toRow(row + perPage);
    case 'PageUp':
      return toRow(row - perPage);
    case 'Home':
      return ctrl ? 0 : row * cols;
    case 'End':
      return ctrl ? last : Math.min(last, row * cols + cols - 1);
    default:
      return null;
  }
}
