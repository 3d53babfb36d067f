import { describe, expect, it } from 'vitest';
import { blocksPerPool, OBMALLOC_CONSTANTS } from './constants.ts';
import { arenasAllocated } from './inspect.ts';
import {
  POOL_FIELDS,
  POOL_FREEBLOCK,
  POOL_MAXNEXTOFFSET,
  POOL_NEXT,
  POOL_NEXTOFFSET,
  POOL_PREV,
  POOL_RECORD_SHIFT,
  POOL_REF,
  POOL_SZIDX,
} from './internal/state.ts';
import { Obmalloc, ObmallocError } from './obmalloc.ts';
import { collectMallocStats, formatMallocStats } from './stats.ts';
import { validateObmalloc } from './validate.ts';

describe('Obmalloc', () => {
  it('bump-allocates ascending addresses on the block grid of a fresh pool', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const a = model.malloc(233); // bytes(200): 240-byte class
    const b = model.malloc(233);
    const c = model.malloc(240);
    expect(b - a).toBe(240);
    expect(c - b).toBe(240);
    expect((a % 16384) - 48).toBe(0);
  });

  it('reuses freed blocks LIFO within a pool', () => {
    const model = new Obmalloc({ profile: '3.9' });
    const blocks = [model.malloc(100), model.malloc(100), model.malloc(100)];
    model.malloc(100);
    for (const block of blocks) model.free(block);
    expect([model.malloc(100), model.malloc(100), model.malloc(100)]).toEqual(blocks.reverse());
    expect(validateObmalloc(model)).toEqual([]);
  });

  it('puts a pool that stops being full at the front of its class list', () => {
    const model = new Obmalloc({ profile: '3.11' });
    const perPool = blocksPerPool(OBMALLOC_CONSTANTS['3.11'], 14);
    const poolA = Array.from({ length: perPool }, () => model.malloc(240));
    const poolB = Array.from({ length: perPool }, () => model.malloc(240));
    model.malloc(240); // a third, partially used pool is now current
    model.free(poolA[3]!);
    model.free(poolB[5]!);
    expect(model.malloc(240)).toBe(poolB[5]);
    expect(model.malloc(240)).toBe(poolA[3]);
    expect(validateObmalloc(model)).toEqual([]);
  });

  it('routes zero-byte and large requests to the raw allocator', () => {
    const model = new Obmalloc({ profile: '3.10' });
    const big = model.malloc(513);
    const zero = model.malloc(0);
    expect(model.owns(big)).toBe(false);
    expect(model.owns(zero)).toBe(false);
    expect(model.getAllocatedBlocks()).toBe(2);
    model.free(big);
    expect(model.getAllocatedBlocks()).toBe(1);
  });

  it('reallocs in place above 3/4 of the block and moves below it', () => {
    const model = new Obmalloc({ profile: '3.13' });
    const p = model.malloc(64);
    expect(model.realloc(p, 49)).toBe(p);
    expect(model.realloc(p, 48)).not.toBe(p);
    const q = model.malloc(100);
    const moved = model.realloc(q, 1000);
    expect(model.owns(moved)).toBe(false);
    expect(model.realloc(moved, 10)).not.toBe(q);
    expect(model.owns(model.realloc(moved, 20))).toBe(false);
  });

  it('releases a wholly free arena on 3.8 but keeps the last one from 3.9', () => {
    for (const [profile, kept] of [
      ['3.8', 0],
      ['3.9', 1],
    ] as const) {
      const model = new Obmalloc({ profile });
      const before = collectMallocStats(model).arenasAllocatedCurrent;
      const blocks = Array.from({ length: 3000 }, () => model.malloc(240));
      expect(arenasAllocated(model)).toBeGreaterThan(2);
      for (const block of blocks) model.free(block);
      expect(collectMallocStats(model).arenasAllocatedCurrent - before).toBe(kept);
      expect(validateObmalloc(model)).toEqual([]);
    }
  });

  it('refuses frees and reallocs CPython could not have made, naming the address', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const block = model.malloc(64);
    const live = model.malloc(64);
    const hex = (address: number) => `0x${address.toString(16)}`;
    const refused = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(ObmallocError);
        return `${(error as ObmallocError).code}: ${(error as Error).message}`;
      }
      return 'no error';
    };
    expect(refused(() => model.free(0x1000))).toBe(
      'invalid-free: free of 0x1000, which no one allocated',
    );
    expect(refused(() => model.realloc(0x1000, 8))).toBe(
      'invalid-realloc: realloc of 0x1000, which no one allocated',
    );
    expect(refused(() => model.free(block + 8))).toBe(
      `invalid-free: free of ${hex(block + 8)}, which is not a live block`,
    );
    const uncarved = block + 5 * 16384;
    expect(refused(() => model.free(uncarved))).toBe(
      `invalid-free: ${hex(uncarved)} is inside an arena but in no carved pool`,
    );
    expect(refused(() => model.realloc(uncarved, 8))).toBe(
      `invalid-realloc: ${hex(uncarved)} is inside an arena but in no carved pool`,
    );
    model.free(block);
    model.free(live);
    // The pool is empty now (ref.count 0): a second free of either block is refused.
    expect(refused(() => model.free(live))).toBe(
      `invalid-free: free of ${hex(live)}, which is not a live block`,
    );
    expect(validateObmalloc(model)).toEqual([]);
    expect(model.malloc(64)).toBe(live);
  });

  it('prints statistics whose Total equals the arenas held', () => {
    const model = new Obmalloc({ profile: '3.12' });
    for (let i = 1; i <= 512; i++) model.malloc(i);
    const stats = collectMallocStats(model);
    expect(stats.total).toBe(stats.arenasAllocatedCurrent * stats.arenaSize);
    const text = formatMallocStats(stats);
    expect(text.split('\n')[0]).toBe('Small block threshold = 512, in 32 size classes.');
    expect(text).toContain('# bytes lost to arena alignment    =               16,384\n');
    expect(text).toContain('# bytes lost to arena map root     =              262,144\n');
  });
});

describe('pool header record', () => {
  it('gives each field its own word inside a power-of-two record', () => {
    expect(POOL_FIELDS).toBe(1 << POOL_RECORD_SHIFT);
    const words = [
      POOL_REF,
      POOL_FREEBLOCK,
      POOL_NEXT,
      POOL_PREV,
      POOL_SZIDX,
      POOL_NEXTOFFSET,
      POOL_MAXNEXTOFFSET,
    ];
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word >= 0 && word < POOL_FIELDS).toBe(true);
  });
});
