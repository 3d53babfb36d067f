import { describe, expect, it } from 'vitest';
import {
  cellOrigin,
  LABEL_WIDTH,
  layoutHeapMap,
  MAX_ASPECT,
  MAX_CELL,
  MIN_CELL,
  offsetOfPixel,
  POOL_GAP,
  pixelOfOffset,
  ROW_GAP,
  TARGET_HEIGHT,
} from './layout.ts';

const POOL_3_12 = 16 * 1024;
const POOL_3_8 = 4 * 1024;

describe('heap map layout', () => {
  it('fits 64 pool cells and the label margin in the width', () => {
    for (const width of [600, 1000, 1234, 1600]) {
      const layout = layoutHeapMap({ width, rows: 64, poolsPerArena: 64, poolSize: POOL_3_12 });
      expect(layout.width).toBeLessThanOrEqual(Math.max(width, LABEL_WIDTH + 64 * (MIN_CELL + 1)));
      expect(layout.width).toBe(LABEL_WIDTH + 64 * (layout.cellWidth + POOL_GAP) - POOL_GAP);
      expect(layout.cellHeight).toBe(layout.cellWidth);
    }
    const wide = layoutHeapMap({ width: 1000, rows: 3, poolsPerArena: 64, poolSize: POOL_3_12 });
    expect(wide.cellWidth).toBe(Math.floor((1000 - LABEL_WIDTH + POOL_GAP) / 64) - POOL_GAP);
  });

  it('makes cells taller when few arenas leave room', () => {
    const few = layoutHeapMap({ width: 1000, rows: 5, poolsPerArena: 64, poolSize: POOL_3_12 });
    expect(few.cellHeight).toBe(MAX_ASPECT * few.cellWidth);
    const some = layoutHeapMap({ width: 1000, rows: 20, poolsPerArena: 64, poolSize: POOL_3_12 });
    expect(some.cellHeight).toBe(Math.floor(TARGET_HEIGHT / 20) - ROW_GAP);
    const many = layoutHeapMap({ width: 1000, rows: 64, poolsPerArena: 64, poolSize: POOL_3_12 });
    expect(many.cellHeight).toBe(many.cellWidth);
  });

  it('clamps the cell size', () => {
    const narrow = layoutHeapMap({ width: 100, rows: 1, poolsPerArena: 64, poolSize: POOL_3_8 });
    expect(narrow.cellWidth).toBe(MIN_CELL);
    const huge = layoutHeapMap({ width: 10_000, rows: 1, poolsPerArena: 64, poolSize: POOL_3_8 });
    expect(huge.cellWidth).toBe(MAX_CELL);
  });

  it('stacks one row per arena', () => {
    const layout = layoutHeapMap({ width: 1000, rows: 64, poolsPerArena: 64, poolSize: POOL_3_12 });
    expect(layout.height).toBe(layout.top + 64 * layout.rowHeight);
    expect(cellOrigin(layout, 2, 3)).toEqual({
      x: LABEL_WIDTH + 3 * (layout.cellWidth + POOL_GAP),
      y: layout.top + 2 * layout.rowHeight,
    });
  });

  it('maps cell pixels to increasing pool offsets covering the whole pool', () => {
    for (const poolSize of [POOL_3_8, POOL_3_12]) {
      const layout = layoutHeapMap({ width: 1000, rows: 1, poolsPerArena: 64, poolSize });
      const offsets = [...layout.offsets];
      expect(offsets.length).toBe(layout.cellWidth * layout.cellHeight);
      for (let p = 1; p < offsets.length; p++) expect(offsets[p]).toBeGreaterThan(offsets[p - 1]!);
      expect(offsets[0]).toBeLessThan(48); // the first pixel shows the pool header
      expect(offsets.at(-1)).toBeLessThan(poolSize);
    }
  });

  it('round-trips offsets and pixels', () => {
    const layout = layoutHeapMap({ width: 1000, rows: 1, poolsPerArena: 64, poolSize: POOL_3_12 });
    for (let offset = 0; offset < POOL_3_12; offset += 7) {
      const p = pixelOfOffset(layout, offset);
      const shown = offsetOfPixel(layout, p);
      expect(pixelOfOffset(layout, shown)).toBe(p);
      expect(Math.abs(shown - offset)).toBeLessThan(POOL_3_12 / layout.cellPixels);
    }
    for (let p = 0; p < layout.cellPixels; p++)
      expect(pixelOfOffset(layout, offsetOfPixel(layout, p))).toBe(p);
  });
});
