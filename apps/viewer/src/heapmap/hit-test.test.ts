import { describe, expect, it } from 'vitest';
import { hitTest, pointOfOffset } from './hit-test.ts';
import { cellOrigin, layoutHeapMap, pixelOfOffset } from './layout.ts';

const layout = layoutHeapMap({ width: 1100, rows: 5, poolsPerArena: 64, poolSize: 16 * 1024 });

describe('heap map hit-testing', () => {
  it('finds the arena label', () => {
    expect(hitTest(layout, 3, layout.top + 1)).toEqual({ row: 0, pool: -1, offset: -1 });
    expect(hitTest(layout, 3, layout.top + 2 * layout.rowHeight + 1)).toEqual({
      row: 2,
      pool: -1,
      offset: -1,
    });
  });

  it('finds the pool and the byte under a pixel', () => {
    const origin = cellOrigin(layout, 3, 10);
    const hit = hitTest(layout, origin.x, origin.y);
    expect(hit).toEqual({ row: 3, pool: 10, offset: layout.offsets[0] });
    const last = hitTest(
      layout,
      origin.x + layout.cellWidth - 0.5,
      origin.y + layout.cellHeight - 0.5,
    );
    expect(last).toEqual({ row: 3, pool: 10, offset: layout.offsets[layout.cellPixels - 1] });
    const second = hitTest(layout, origin.x + 1.2, origin.y + 0.7);
    expect(second?.offset).toBe(layout.offsets[1]);
    const nextRow = hitTest(layout, origin.x, origin.y + 1);
    expect(nextRow?.offset).toBe(layout.offsets[layout.cellWidth]);
  });

  it('finds nothing in gaps and margins', () => {
    const origin = cellOrigin(layout, 1, 0);
    expect(hitTest(layout, origin.x + layout.cellWidth, origin.y)).toBeNull(); // pool gap
    expect(hitTest(layout, origin.x, origin.y + layout.cellHeight)).toBeNull(); // row gap
    expect(hitTest(layout, -1, origin.y)).toBeNull();
    expect(hitTest(layout, origin.x, 0)).toBeNull(); // top margin
    expect(hitTest(layout, origin.x, layout.height + 5)).toBeNull();
    expect(hitTest(layout, layout.width + 1, origin.y)).toBeNull();
  });

  it('points at the pixel drawing a byte, and hit-tests back to it', () => {
    for (const row of [0, 4]) {
      for (const pool of [0, 31, 63]) {
        for (const offset of [0, 47, 48, 1000, 8191, 16383]) {
          const point = pointOfOffset(layout, row, pool, offset);
          const hit = hitTest(layout, point.x, point.y);
          expect(hit?.row).toBe(row);
          expect(hit?.pool).toBe(pool);
          expect(pixelOfOffset(layout, hit!.offset)).toBe(pixelOfOffset(layout, offset));
        }
      }
    }
  });
});
