import { describe, expect, it } from 'vitest';
import { dictKeysBytes, log2SizeFor, presizedLog2, usableFraction } from './dict-keys.ts';
import { objectLayout } from './layout.ts';
import { listPreallocation, listResizeAllocation } from './list-growth.ts';
import { setGrowthTarget, setNeedsResize, setTableSize } from './set-table.ts';

/** Capacities a list passes through when appended to one item at a time. */
function appendCapacities(minor: number, count: number): number[] {
  const seen = [0];
  let allocated = 0;
  for (let size = 0; size < count; size++) {
    allocated = listResizeAllocation(minor, allocated, size, size + 1);
    if (allocated !== seen[seen.length - 1]) seen.push(allocated);
  }
  return seen;
}

describe('listResizeAllocation', () => {
  it('grows 3.8 lists by newsize/8 + 3 or 6', () => {
    expect(appendCapacities(8, 88)).toEqual([0, 4, 8, 16, 25, 35, 46, 58, 72, 88]);
  });

  it('grows 3.9+ lists to multiples of 4', () => {
    for (const minor of [9, 10, 11, 12, 13, 14]) {
      expect(appendCapacities(minor, 76)).toEqual([0, 4, 8, 16, 24, 32, 40, 52, 64, 76]);
    }
  });

  it('keeps the array while the size stays between half and all of it, and frees it at 0', () => {
    expect(listResizeAllocation(9, 16, 16, 8)).toBe(16);
    expect(listResizeAllocation(9, 16, 8, 7)).toBe(12);
    expect(listResizeAllocation(8, 64, 1, 0)).toBe(0);
  });

  it('allocates exactly for a big 3.9+ extend', () => {
    expect(listResizeAllocation(9, 0, 0, 100)).toBe(100);
    expect(listResizeAllocation(8, 0, 0, 100)).toBe(118);
  });

  it('rounds preallocation up to even from 3.10', () => {
    expect([listPreallocation(9, 5), listPreallocation(10, 5), listPreallocation(10, 6)]).toEqual([
      5, 6, 6,
    ]);
  });
});

describe('dict keys', () => {
  it('sizes tables as the fact sheet measures (3.8 any keys; 3.11 str / other keys)', () => {
    const sizes = [3, 4, 5, 6, 7];
    expect(sizes.map((log2) => dictKeysBytes(objectLayout('3.8'), log2, false) + 64)).toEqual([
      232, 360, 640, 1176, 2272,
    ]);
    expect(sizes.map((log2) => dictKeysBytes(objectLayout('3.11'), log2, false) + 64)).toEqual([
      224, 352, 632, 1168, 2264,
    ]);
    expect(
      sizes.slice(0, 4).map((log2) => dictKeysBytes(objectLayout('3.11'), log2, true) + 64),
    ).toEqual([184, 272, 464, 832]);
  });

  it('uses two-byte indices above 128 slots', () => {
    const layout = objectLayout('3.12');
    expect(dictKeysBytes(layout, 8, false) - dictKeysBytes(layout, 7, false)).toBe(
      256 * 2 - 128 + 24 * (usableFraction(256) - usableFraction(128)),
    );
  });

  it('rounds GROWTH_RATE up to a power of two, with the 3.10–3.13 calculate_log2_keysize quirk', () => {
    expect([3, 6, 15, 30, 63].map((n) => 2 ** log2SizeFor(n, 9))).toEqual([8, 8, 16, 32, 64]);
    expect([0, 3, 6, 8, 15, 16, 30, 32].map((n) => 2 ** log2SizeFor(n, 12))).toEqual([
      8, 16, 16, 8, 16, 32, 32, 64,
    ]);
    expect([3, 16, 32].map((n) => 2 ** log2SizeFor(n, 14))).toEqual([8, 16, 32]);
  });

  it('presizes only above five items', () => {
    expect([0, 5, 6, 10, 11, 21, 22].map((n) => presizedLog2(n, 9))).toEqual([0, 0, 4, 4, 5, 5, 6]);
  });
});

describe('set table', () => {
  it('grows at fill·5 ≥ mask·3 to the power of two above used·4', () => {
    expect([4, 5].map((fill) => setNeedsResize(fill, 7))).toEqual([false, true]);
    expect(setTableSize(setGrowthTarget(5))).toBe(32);
    expect(setTableSize(setGrowthTarget(19))).toBe(128);
    expect(setTableSize(setGrowthTarget(60_000))).toBe(131_072);
  });
});
