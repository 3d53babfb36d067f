/**
 * Pointer position ↔ heap-map target: which arena row, pool and pool byte offset lie
 * under a point, and where on the canvas a given pool byte is drawn.
 */
import { cellOrigin, type HeapMapLayout, offsetOfPixel, pixelOfOffset } from './layout.ts';

/** What lies under a point: a row's label (pool −1) or a byte of one pool. */
export interface HeapMapHit {
  /** Arena row. */
  readonly row: number;
  /** Pool index in the arena (0 … 63), or −1 for the row's label. */
  readonly pool: number;
  /** Byte offset in the pool shown at that pixel, or −1 for a label. */
  readonly offset: number;
}

/** The target at canvas point (x, y) in CSS pixels, or null over a gap or margin. */
export function hitTest(layout: HeapMapLayout, x: number, y: number): HeapMapHit | null {
  if (x < 0 || y < layout.top || x >= layout.width) return null;
  const row = Math.floor((y - layout.top) / layout.rowHeight);
  if (row >= layout.rows) return null;
  const inRow = Math.floor(y - layout.top - row * layout.rowHeight);
  if (inRow >= layout.cellHeight) return null;
  if (x < layout.labelWidth) return { row, pool: -1, offset: -1 };
  const stride = layout.cellWidth + layout.poolGap;
  const pool = Math.floor((x - layout.labelWidth) / stride);
  if (pool >= layout.poolsPerArena) return null;
  const inCell = Math.floor(x - layout.labelWidth - pool * stride);
  if (inCell >= layout.cellWidth) return null;
  return { row, pool, offset: offsetOfPixel(layout, inRow * layout.cellWidth + inCell) };
}

/** The centre of the pixel drawing byte `offset` of a pool (for pointing at a block). */
export function pointOfOffset(
  layout: HeapMapLayout,
  row: number,
  pool: number,
  offset: number,
): { x: number; y: number } {
  const origin = cellOrigin(layout, row, pool);
  const p = pixelOfOffset(layout, offset);
  return {
    x: origin.x + (p % layout.cellWidth) + 0.5,
    y: origin.y + Math.floor(p / layout.cellWidth) + 0.5,
  };
}
