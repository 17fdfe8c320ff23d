// The thumbnail grid's keyboard moves: 10 images in rows of 4 (the last row has 2), 2 rows a page.
import { describe, expect, it } from 'vitest';
import { gridMove } from '../../src/renderer/src/lib/grid-keys.ts';

const shape = { cols: 4, total: 10, perPage: 2 };
const move = (key: string, at: number, ctrl = false): number | null => gridMove(key, ctrl, at, shape);

describe('gridMove', () => {
  it('steps one cell with the arrows and stops at the ends', () => {
    expect(move('ArrowRight', 0)).toBe(1);
    expect(move('ArrowRight', 3)).toBe(4); // wraps to the next row, as reading order does
    expect(move('ArrowRight', 9)).toBe(9);
    expect(move('ArrowLeft', 0)).toBe(0);
    expect(move('ArrowDown', 1)).toBe(5);
    expect(move('ArrowUp', 5)).toBe(1);
    expect(move('ArrowUp', 2)).toBe(2);
  });

  it('reaches a short last row at its last cell and keeps the column otherwise', () => {
    expect(move('ArrowDown', 7)).toBe(9); // row 2 has cells 8 and 9 only
    expect(move('ArrowDown', 9)).toBe(9);
    expect(move('ArrowUp', 9)).toBe(5);
  });

  it('goes to the row ends with Home/End and to the first/last image with Ctrl', () => {
    expect(move('Home', 6)).toBe(4);
    expect(move('End', 5)).toBe(7);
    expect(move('End', 8)).toBe(9);
    expect(move('Home', 6, true)).toBe(0);
    expect(move('End', 1, true)).toBe(9);
  });

  it('moves a screenful with Page Up/Down, clamped to the first and last rows', () => {
    expect(move('PageDown', 1)).toBe(9); // row 2, column 1
    expect(move('PageDown', 0)).toBe(8);
    expect(move('PageUp', 9)).toBe(1);
    expect(gridMove('PageDown', false, 3, { cols: 4, total: 100, perPage: 3 })).toBe(15);
  });

  it('ignores other keys and empty grids', () => {
    expect(move('a', 3)).toBeNull();
    expect(gridMove('ArrowRight', false, 0, { cols: 4, total: 0, perPage: 2 })).toBeNull();
  });
});
