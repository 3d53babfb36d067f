/**
 * Paints the heap map's pools into a pixel buffer: one pass over every pool of every
 * drawn arena, each pixel coloured by what its slice of the pool holds (see
 * layout.ts and colors.ts). Labels are drawn afterwards with the 2D context.
 *
 * Reads the model through obmalloc's accessors (`arenaInfo`, `poolInfo`,
 * `poolBlockStates`). Cost: per carved, used pool one `poolBlockStates` (its blocks plus its free list)
 * and one lookup per cell pixel; 64 arenas × 64 pools at 13×13 px is ~700k pixels.
 */
import { type ArenaStatus, arenaStatus } from '@pymem/analysis';
import {
  arenaInfo,
  arenaObjectCount,
  BlockState,
  lastArenaInUse,
  type Obmalloc,
  poolBlockStates,
  poolInfo,
} from '@pymem/obmalloc';
import { Paint, type PaintCode, SHADES } from './colors.ts';
import { cellOrigin, type HeapMapLayout } from './layout.ts';

/** What was found in one drawn arena row. */
export interface ArenaRowInfo {
  /** Arena object index. */
  readonly arena: number;
  /** Base address, 0 for an unused arena object. */
  readonly address: number;
  readonly poolsUsed: number;
  readonly poolsEmpty: number;
  readonly poolsVirgin: number;
  readonly poolsTotal: number;
  /** Bytes in live blocks (block sizes). */
  readonly usedBytes: number;
  /** Live blocks. */
  readonly blocks: number;
  /** How the arena is held, or 'unused' for an arena object with no arena. */
  readonly status: ArenaStatus | 'unused';
}

/** The arena rows to draw: every arena object up to the highest in use (or `atLeast`). */
export function arenaRows(model: Obmalloc, atLeast = 0): number[] {
  const count = Math.min(Math.max(lastArenaInUse(model) + 1, atLeast), arenaObjectCount(model));
  return Array.from({ length: count }, (_, a) => a);
}

function fillCell(
  pixels: Uint32Array,
  stride: number,
  layout: HeapMapLayout,
  x: number,
  y: number,
  color: number,
): void {
  for (let row = 0; row < layout.cellHeight; row++) {
    const start = (y + row) * stride + x;
    pixels.fill(color, start, start + layout.cellWidth);
  }
}

/**
 * Paints every pool of the arena objects `rows` (row r draws arena object rows[r])
 * into `pixels` (a canvas-sized buffer `stride` pixels wide) and returns what each
 * row holds. `scratch` must hold the blocks of the fullest pool.
 */
export function paintHeapMap(
  pixels: Uint32Array,
  stride: number,
  layout: HeapMapLayout,
  model: Obmalloc,
  rows: readonly number[],
  palette: Uint32Array,
  scratch: Uint8Array,
): ArenaRowInfo[] {
  const c = model.constants;
  const offsets = layout.offsets;
  const cellWidth = layout.cellWidth;
  const infos: ArenaRowInfo[] = [];
  pixels.fill(palette[Paint.background * SHADES]!);
  const shade = (paint: PaintCode, sizeClass: number) =>
    palette[paint * SHADES + Math.min(SHADES - 1, Math.max(0, sizeClass))]!;
  for (let r = 0; r < rows.length && r < layout.rows; r++) {
    const arena = rows[r]!;
    const held = arenaInfo(model, arena);
    if (held === null) {
      for (let k = 0; k < layout.poolsPerArena; k++) {
        const { x, y } = cellOrigin(layout, r, k);
        fillCell(pixels, stride, layout, x, y, shade(Paint.unusedArena, 0));
      }
      infos.push({
        arena,
        address: 0,
        poolsUsed: 0,
        poolsEmpty: 0,
        poolsVirgin: 0,
        poolsTotal: 0,
        usedBytes: 0,
        blocks: 0,
        status: 'unused',
      });
      continue;
    }
    const carved = held.poolsCarved;
    const total = held.poolsTotal;
    let poolsUsed = 0;
    let usedBytes = 0;
    let blocks = 0;
    for (let k = 0; k < layout.poolsPerArena; k++) {
      const { x, y } = cellOrigin(layout, r, k);
      if (k >= total) {
        fillCell(pixels, stride, layout, x, y, shade(Paint.alignment, 0));
        continue;
      }
      if (k >= carved) {
        fillCell(pixels, stride, layout, x, y, shade(Paint.virginPool, 0));
        continue;
      }
      const pool = poolInfo(model, arena, k)!;
      const { ref, sizeClass, blockSize: size } = pool;
      if (ref === 0 || sizeClass < 0) {
        fillCell(pixels, stride, layout, x, y, shade(Paint.emptyPool, 0));
        continue;
      }
      poolsUsed++;
      usedBytes += ref * size;
      blocks += ref;
      const n = poolBlockStates(model, arena, k, scratch);
      const header = shade(Paint.header, sizeClass);
      const tail = shade(Paint.quantization, sizeClass);
      const allocated = shade(Paint.allocated, sizeClass);
      const free = shade(Paint.free, sizeClass);
      const virgin = shade(Paint.virgin, sizeClass);
      const overhead = c.poolOverhead;
      let p = 0;
      for (let py = 0; py < layout.cellHeight; py++) {
        let at = (y + py) * stride + x;
        for (let px = 0; px < cellWidth; px++, p++) {
          const offset = offsets[p]!;
          let color: number;
          if (offset < overhead) color = header;
          else {
            const b = ((offset - overhead) / size) | 0;
            if (b >= n) color = tail;
            else {
              const state = scratch[b];
              color =
                state === BlockState.allocated
                  ? allocated
                  : state === BlockState.free
                    ? free
                    : virgin;
            }
          }
          pixels[at++] = color;
        }
      }
    }
    infos.push({
      arena,
      address: held.address,
      poolsUsed,
      poolsEmpty: carved - poolsUsed,
      poolsVirgin: total - carved,
      poolsTotal: total,
      usedBytes,
      blocks,
      status: arenaStatus({ blocks, usedBytes }, c.arenaSize),
    });
  }
  return infos;
}
