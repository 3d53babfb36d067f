import { describe, expect, it } from 'vitest';
import { type HashableValue, pythonHash } from './hash.ts';

const int = (value: bigint): HashableValue => ({ kind: 'int', value });
const float = (value: number): HashableValue => ({ kind: 'float', value });
const tuple = (items: HashableValue[], w: 4 | 8): HashableValue => ({
  kind: 'tuple',
  items: items.map((item) => pythonHash(item, w)),
});

/** hash() of the same values as printed by CPython 3.8/3.12 (64-bit) and Pyodide 3.14 (32-bit). */
const VALUES = (w: 4 | 8): HashableValue[] => [
  float(1.5),
  float(0.1),
  float(-2.75),
  float(1e300),
  float(3),
  int(-1n),
  int(-2n),
  int(2n ** 61n),
  int(2n ** 61n - 1n),
  int(2n ** 70n),
  tuple([], w),
  tuple([int(1n), int(2n)], w),
  tuple([int(1n), tuple([float(2.5), int(-1n)], w)], w),
  float(Number.POSITIVE_INFINITY),
];

describe('pythonHash', () => {
  it("matches CPython's hash() on 64-bit builds", () => {
    expect(VALUES(8).map((v) => pythonHash(v, 8))).toEqual([
      1152921504606846977n,
      230584300921369408n,
      -1729382256910270466n,
      1224995262755759164n,
      3n,
      -2n,
      -2n,
      1n,
      0n,
      512n,
      5740354900026072187n,
      -3550055125485641917n,
      5356097903715399607n,
      314159n,
    ]);
  });

  it("matches Pyodide's hash() on wasm32", () => {
    expect(VALUES(4).map((v) => pythonHash(v, 4))).toEqual([
      1073741825n,
      1932735308n,
      -1610612738n,
      260391960n,
      3n,
      -2n,
      -2n,
      1073741824n,
      1073741823n,
      256n,
      750394483n,
      994727857n,
      1966357793n,
      314159n,
    ]);
  });
});
