import { describe, expect, it } from 'vitest';
import {
  arenaContaining,
  arenaInfo,
  arenaObjectCount,
  arenasAllocated,
  BlockState,
  forEachCarvedPool,
  hexAddress,
  lastArenaInUse,
  poolBlockStates,
  poolFreeList,
  poolInfo,
  summarizeArenas,
} from './inspect.ts';
import { Obmalloc } from './obmalloc.ts';

describe('summarizeArenas', () => {
  it('names the size classes that pin a mostly empty arena', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const blocks = Array.from({ length: 5000 }, () => model.malloc(240));
    const keep = new Set([blocks[10], blocks[4500]]);
    for (const block of blocks) if (!keep.has(block)) model.free(block);
    const [first, second] = summarizeArenas(model);
    expect(first).toMatchObject({ blocks: 1, usedBytes: 240, poolsUsed: 1, poolsTotal: 63 });
    expect(first!.pinnedBy).toEqual([{ sizeClass: 14, size: 240, blocks: 1 }]);
    expect(first!.poolsUsed + first!.poolsEmpty + first!.poolsVirgin).toBe(63);
    expect(second!.blocks).toBe(1);
  });
});

describe('poolBlockStates', () => {
  it('tells allocated, free-listed and never-carved blocks apart', () => {
    const model = new Obmalloc({ profile: '3.9' });
    const a = model.malloc(512);
    model.malloc(512);
    model.malloc(512);
    model.free(a);
    const out = new Uint8Array(1024);
    const slots = poolBlockStates(model, 0, 0, out);
    expect(slots).toBe(7);
    expect([...out.slice(0, 7)]).toEqual([
      BlockState.free,
      BlockState.allocated,
      BlockState.allocated,
      BlockState.free,
      BlockState.virgin,
      BlockState.virgin,
      BlockState.virgin,
    ]);
  });
});

describe('poolFreeList', () => {
  it('predicts the order in which pymalloc hands out the pool blocks', () => {
    const model = new Obmalloc({ profile: '3.11' });
    const blocks = Array.from({ length: 5 }, () => model.malloc(40)); // class 2, 48 bytes
    model.free(blocks[1]!);
    model.free(blocks[3]!);
    const order = poolFreeList(model, 0, 0)!;
    // LIFO: the last freed block first, then the earlier one, then the block carved
    // lazily after the last allocation; block 6 on is still virgin.
    expect(order.blocks).toEqual([3, 1, 5]);
    expect(order.nextVirgin).toBe(6);
    expect(order.virginBlocks).toBe(Math.floor((16384 - 48) / 48) - 6);
    const base = blocks[0]!;
    const next = Array.from({ length: 4 }, () => (model.malloc(40) - base) / 48);
    expect(next).toEqual([3, 1, 5, 6]);
  });

  it('is null for a pool never carved or an unused arena object', () => {
    const model = new Obmalloc({ profile: '3.8' });
    model.malloc(8);
    expect(poolFreeList(model, 0, 1)).toBeNull();
    expect(poolFreeList(model, 3, 0)).toBeNull();
  });
});

describe('arena and pool accessors', () => {
  it('read the headers CPython keeps, and nothing for what holds no arena', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const a = model.malloc(240);
    model.malloc(16);
    expect(arenaObjectCount(model)).toBe(16);
    expect(lastArenaInUse(model)).toBe(0);
    expect(arenasAllocated(model)).toBe(1);
    const arena = arenaInfo(model, 0)!;
    expect(arena).toMatchObject({ index: 0, poolsCarved: 2, poolsTotal: 63, freePools: 61 });
    expect(arenaContaining(model, a)).toBe(0);
    expect(arenaContaining(model, 8)).toBe(-1);
    expect(arenaInfo(model, 1)).toBeNull();
    expect(arenaInfo(model, 99)).toBeNull();
    const pool = poolInfo(model, 0, 0)!;
    expect(pool).toMatchObject({ sizeClass: 14, blockSize: 240, ref: 1, carvedBlocks: 2 });
    expect(pool.address).toBe(arena.firstPool);
    expect(a).toBe(pool.address + 48);
    expect(poolInfo(model, 0, 2)).toBeNull();
    const seen: number[][] = [];
    forEachCarvedPool(model, 0, (k, sizeClass, ref) => seen.push([k, sizeClass, ref]));
    expect(seen).toEqual([
      [0, 14, 1],
      [1, 0, 1],
    ]);
    expect(hexAddress(a)).toBe(`0x${a.toString(16)}`);
    expect(hexAddress(0)).toBe('NULL');
  });
});
