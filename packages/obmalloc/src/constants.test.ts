import { PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  blockSize,
  blocksPerPool,
  OBMALLOC_CONSTANTS,
  quantizationPerPool,
  sizeClassIndex,
} from './constants.ts';

describe('OBMALLOC_CONSTANTS', () => {
  it('keeps the relations between the constants in every profile', () => {
    for (const name of PROFILE_NAMES) {
      const c = OBMALLOC_CONSTANTS[name];
      expect(c.arenaSize / c.poolSize).toBe(c.maxPoolsInArena);
      expect(c.maxPoolsInArena).toBe(64);
      expect(c.numSizeClasses * c.alignment).toBe(c.smallRequestThreshold);
      expect(2 ** c.alignmentShift).toBe(c.alignment);
      expect(c.poolOverhead % c.alignment).toBe(0);
      for (let i = 0; i < c.numSizeClasses; i++) {
        expect(
          blocksPerPool(c, i) * blockSize(c, i) + quantizationPerPool(c, i) + c.poolOverhead,
        ).toBe(c.poolSize);
      }
    }
  });

  it('has 4 KiB pools and 256 KiB arenas before 3.10, 16 KiB and 1 MiB after', () => {
    expect(OBMALLOC_CONSTANTS['3.9'].poolSize).toBe(4096);
    expect(OBMALLOC_CONSTANTS['3.9'].arenaSize).toBe(262144);
    expect(OBMALLOC_CONSTANTS['3.9'].radixTree).toBeNull();
    expect(OBMALLOC_CONSTANTS['3.10'].poolSize).toBe(16384);
    expect(OBMALLOC_CONSTANTS['3.10'].arenaSize).toBe(1048576);
    expect(OBMALLOC_CONSTANTS['3.10'].radixTree?.rootBytes).toBe(8192);
    expect(OBMALLOC_CONSTANTS['3.12'].radixTree?.botBytes).toBe(131072);
  });

  it('matches the size-class table of the fact sheet (4 KiB and 16 KiB pools)', () => {
    const small = OBMALLOC_CONSTANTS['3.8'];
    const large = OBMALLOC_CONSTANTS['3.13'];
    expect([0, 6, 14, 31].map((i) => blocksPerPool(small, i))).toEqual([253, 36, 16, 7]);
    expect([0, 6, 14, 31].map((i) => blocksPerPool(large, i))).toEqual([1021, 145, 68, 31]);
    expect(quantizationPerPool(large, 30)).toBe(464);
    expect([1, 16, 17, 512].map((n) => sizeClassIndex(large, n))).toEqual([0, 0, 1, 31]);
  });
});
