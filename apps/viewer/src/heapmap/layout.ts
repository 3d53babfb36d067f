/**
 * Geometry of the heap map: one row per arena object, one cell per pool, and inside
 * a cell the pool's bytes laid out row-major, so every pixel stands for a fixed slice
 * of the pool (header, blocks, quantization tail).
 *
 * Cells are square, or taller when there are few arenas (see `targetHeight`).
 *
 *   x: 0        labelWidth                                               width
 *      ┌────────┬──────┬─┬──────┬─┬── … ─┬──────┐
 *      │ #0  ▮  │pool 0│ │pool 1│ │      │pool63│   ← row 0 (cellHeight px)
 *      ├────────┴──────┴─┴──────┴─┴── … ─┴──────┤   ← rowGap
 *      │ #1  ▮  │      │ │      │ │      │      │   ← row 1
 *
 *   inside a cell (cellWidth × cellHeight pixels, P = cellWidth·cellHeight):
 *      pixel p = py·cellWidth + px covers pool bytes [p·POOL_SIZE/P, (p+1)·POOL_SIZE/P)
 *      and shows the byte at its centre, offsets[p] = ⌊(p + ½)·POOL_SIZE / P⌋ — but
 *      pixel 0 shows byte 0, so the pool header is always drawn (at 16 KiB a pixel
 *      can span more than its 48 bytes).
 *
 * Invariant: offsetOfPixel(pixelOfOffset(o)) lies in the same pixel slice as o.
 */

/** What the layout depends on. */
export interface HeapMapLayoutInput {
  /** Width available, in CSS pixels. */
  readonly width: number;
  /** Arena rows to draw. */
  readonly rows: number;
  /** Pools per arena (64). */
  readonly poolsPerArena: number;
  /** POOL_SIZE in bytes. */
  readonly poolSize: number;
  /**
   * Height the rows may fill (default {@link TARGET_HEIGHT}): with few arenas, cells
   * grow taller (up to {@link MAX_ASPECT} × their width) to show more of each pool.
   */
  readonly targetHeight?: number;
}

/** The computed geometry (all lengths in CSS pixels). */
export interface HeapMapLayout {
  readonly width: number;
  readonly height: number;
  /** Left margin holding each arena's label and status. */
  readonly labelWidth: number;
  /** Top margin. */
  readonly top: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Space between pool cells. */
  readonly poolGap: number;
  /** Space between arena rows. */
  readonly rowGap: number;
  /** cellHeight + rowGap. */
  readonly rowHeight: number;
  readonly rows: number;
  readonly poolsPerArena: number;
  readonly poolSize: number;
  /** Pixels in one cell. */
  readonly cellPixels: number;
  /** Pool byte offset shown by each pixel of a cell. */
  readonly offsets: Int32Array;
}

/** Width of the label margin. */
export const LABEL_WIDTH = 76;
/** Space between pool cells. */
export const POOL_GAP = 1;
/** Space between arena rows. */
export const ROW_GAP = 3;
/** Top margin. */
export const TOP_MARGIN = 2;
/** Smallest and largest cell side. */
export const MIN_CELL = 4;
/** Largest cell width. */
export const MAX_CELL = 24;
/** Height the rows fill by default. */
export const TARGET_HEIGHT = 560;
/** Tallest cell, in cell widths. */
export const MAX_ASPECT = 4;

/** Computes the geometry for a width and a number of arena rows. */
export function layoutHeapMap(input: HeapMapLayoutInput): HeapMapLayout {
  const pools = input.poolsPerArena;
  const fit = Math.floor((input.width - LABEL_WIDTH + POOL_GAP) / pools) - POOL_GAP;
  const cellWidth = Math.max(MIN_CELL, Math.min(MAX_CELL, fit));
  const rows = Math.max(1, input.rows);
  const fill = Math.floor((input.targetHeight ?? TARGET_HEIGHT) / rows) - ROW_GAP;
  const cellHeight = Math.max(cellWidth, Math.min(MAX_ASPECT * cellWidth, fill));
  const rowHeight = cellHeight + ROW_GAP;
  const cellPixels = cellWidth * cellHeight;
  const offsets = new Int32Array(cellPixels);
  for (let p = 0; p < cellPixels; p++) {
    offsets[p] = p === 0 ? 0 : Math.floor(((2 * p + 1) * input.poolSize) / (2 * cellPixels));
  }
  return {
    width: LABEL_WIDTH + pools * (cellWidth + POOL_GAP) - POOL_GAP,
    height: TOP_MARGIN + rows * rowHeight,
    labelWidth: LABEL_WIDTH,
    top: TOP_MARGIN,
    cellWidth,
    cellHeight,
    poolGap: POOL_GAP,
    rowGap: ROW_GAP,
    rowHeight,
    rows: input.rows,
    poolsPerArena: pools,
    poolSize: input.poolSize,
    cellPixels,
    offsets,
  };
}

/** Top-left corner of pool `pool`'s cell in arena row `row`. */
export function cellOrigin(
  layout: HeapMapLayout,
  row: number,
  pool: number,
): { x: number; y: number } {
  return {
    x: layout.labelWidth + pool * (layout.cellWidth + layout.poolGap),
    y: layout.top + row * layout.rowHeight,
  };
}

/** The cell pixel whose slice of the pool holds byte `offset`. */
export function pixelOfOffset(layout: HeapMapLayout, offset: number): number {
  const p = Math.floor((offset * layout.cellPixels) / layout.poolSize);
  return Math.max(0, Math.min(layout.cellPixels - 1, p));
}

/** The pool byte offset a cell pixel shows. */
export function offsetOfPixel(layout: HeapMapLayout, pixel: number): number {
  return layout.offsets[pixel]!;
}
