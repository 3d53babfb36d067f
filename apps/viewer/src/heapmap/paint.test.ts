import {
  arenaContaining,
  arenaInfo,
  blockSize,
  blocksPerPool,
  hexAddress,
  Obmalloc,
  sizeClassIndex,
  summarizeArenas,
} from '@pymem/obmalloc';
import { describe, expect, it } from 'vitest';
import { buildPalette, Paint, type PaintCode, paletteIndex } from './colors.ts';
import { describeTarget, targetLines } from './describe-target.ts';
import { pointOfOffset } from './hit-test.ts';
import { layoutHeapMap, pixelOfOffset } from './layout.ts';
import { arenaRows, paintHeapMap } from './paint.ts';

/** A 3.12 model (16 KiB pools, arenas 4 KiB off pool alignment) with a few live blocks. */
function sample() {
  const model = new Obmalloc({ profile: '3.12' });
  const small = Array.from({ length: 6 }, () => model.malloc(24)); // class 1, 32-byte blocks
  const large = Array.from({ length: 3 }, () => model.malloc(500)); // class 31, 512 bytes
  model.free(small[2]!);
  model.free(large[1]!);
  // A pool that empties: it stays carved, on the arena's freepools.
  const lonely = model.malloc(200);
  model.free(lonely);
  return { model, small, large };
}

/** Arena object, pool index and pool offset of an address. */
function locate(model: Obmalloc, address: number) {
  const arena = arenaContaining(model, address);
  const fromFirst = address - arenaInfo(model, arena)!.firstPool;
  const pool = Math.floor(fromFirst / model.constants.poolSize);
  return { arena, pool, offset: fromFirst - pool * model.constants.poolSize };
}

describe('describeTarget', () => {
  it('names allocated, free and virgin blocks with their address and size class', () => {
    const { model, small, large } = sample();
    const c = model.constants;
    const scratch = new Uint8Array(blocksPerPool(model.constants, 0));
    for (const address of [small[0]!, small[5]!, large[0]!]) {
      const where = locate(model, address);
      const target = describeTarget(model, where.arena, where.pool, where.offset + 3, scratch)!;
      expect(target.kind).toBe('block');
      expect(target.address).toBe(address);
      expect(target.state).toBe('allocated');
      const expectedClass = address === large[0] ? sizeClassIndex(c, 500) : sizeClassIndex(c, 24);
      expect(target.sizeClass).toBe(expectedClass);
      expect(target.blockSize).toBe(blockSize(c, expectedClass));
      expect(target.poolAddress).toBe(address - c.poolOverhead - target.block * target.blockSize);
    }
    const freed = locate(model, small[2]!);
    expect(describeTarget(model, freed.arena, freed.pool, freed.offset)!.state).toBe(
      'on the free list',
    );
    const virgin = locate(model, small[5]! + 32 * 10);
    expect(describeTarget(model, virgin.arena, virgin.pool, virgin.offset)!.state).toBe(
      'never carved',
    );
  });

  it('names headers, quantization, empty and never-carved pools, and alignment loss', () => {
    const { model, small, large } = sample();
    const first = locate(model, small[0]!);
    expect(describeTarget(model, first.arena, first.pool, 10)!.kind).toBe('header');
    const big = locate(model, large[0]!);
    // 16 KiB − 48 = 16336 bytes hold 31 blocks of 512: the last 464 bytes are quantization.
    expect(describeTarget(model, big.arena, big.pool, 16 * 1024 - 10)!.kind).toBe('quantization');
    const held = arenaInfo(model, first.arena)!;
    const carved = held.poolsCarved;
    expect(carved).toBe(3);
    expect(describeTarget(model, first.arena, 2, 100)!.kind).toBe('empty-pool');
    expect(describeTarget(model, first.arena, carved, 100)!.kind).toBe('virgin-pool');
    expect(held.poolsTotal).toBe(63);
    expect(describeTarget(model, first.arena, 63, 0)!.kind).toBe('alignment');
    expect(describeTarget(model, 5, 0, 0)!.kind).toBe('unused-arena');
    expect(describeTarget(model, first.arena, 64, 0)).toBeNull();
  });

  it('writes tooltip lines with the address, place, size class and site', () => {
    const { model, small } = sample();
    const where = locate(model, small[1]!);
    const target = describeTarget(model, where.arena, where.pool, where.offset)!;
    const lines = targetLines(target, { eventIndex: 1234, site: 'app.py:7' });
    expect(lines[0]).toBe(hexAddress(small[1]!));
    expect(lines).toContain(`arena #${where.arena} · pool ${where.pool} · block 1`);
    expect(lines).toContain('size class 1 · 32-byte blocks');
    expect(lines).toContain('allocated');
    expect(lines).toContain('allocated by event 1,234');
    expect(lines).toContain('at app.py:7');
  });
});

describe('paintHeapMap', () => {
  it('paints each pixel as the block or pool it shows, and counts each arena', () => {
    const { model, small, large } = sample();
    const rows = arenaRows(model, 2);
    expect(rows).toEqual([0, 1]);
    const layout = layoutHeapMap({
      width: 1200,
      rows: rows.length,
      poolsPerArena: 64,
      poolSize: 16384,
    });
    const pixels = new Uint32Array(layout.width * layout.height);
    const palette = buildPalette();
    const infos = paintHeapMap(
      pixels,
      layout.width,
      layout,
      model,
      rows,
      palette,
      new Uint8Array(blocksPerPool(model.constants, 0)),
    );
    const at = (row: number, pool: number, offset: number) => {
      const point = pointOfOffset(layout, row, pool, offset);
      return pixels[Math.floor(point.y) * layout.width + Math.floor(point.x)];
    };
    const color = (paint: PaintCode, sizeClass = 0) => palette[paletteIndex(paint, sizeClass)];
    // Blocks of 512 bytes span several pixels: their centres show them.
    const big = locate(model, large[0]!);
    expect(at(big.arena, big.pool, big.offset + 256)).toBe(color(Paint.allocated, 31));
    const freed = locate(model, large[1]!);
    expect(at(freed.arena, freed.pool, freed.offset + 256)).toBe(color(Paint.free, 31));
    expect(at(big.arena, big.pool, big.offset + 512 * 3 + 256)).toBe(color(Paint.free, 31));
    expect(at(big.arena, big.pool, big.offset + 512 * 4 + 256)).toBe(color(Paint.virgin, 31));
    expect(at(big.arena, big.pool, 16383)).toBe(color(Paint.quantization, 31));
    const first = locate(model, small[0]!);
    expect(pixelOfOffset(layout, 0)).toBe(0);
    expect(at(first.arena, first.pool, 0)).toBe(color(Paint.header, 1));
    expect(at(0, 2, 5000)).toBe(color(Paint.emptyPool));
    expect(at(0, 40, 5000)).toBe(color(Paint.virginPool));
    expect(at(0, 63, 5000)).toBe(color(Paint.alignment));
    expect(at(1, 0, 5000)).toBe(color(Paint.unusedArena));
    const summary = summarizeArenas(model)[0]!;
    expect(infos[0]).toMatchObject({
      arena: 0,
      poolsUsed: summary.poolsUsed,
      poolsEmpty: summary.poolsEmpty,
      poolsVirgin: summary.poolsVirgin,
      usedBytes: summary.usedBytes,
      blocks: summary.blocks,
      status: 'nearly-empty',
    });
    expect(infos[1]!.status).toBe('unused');
  });
});
