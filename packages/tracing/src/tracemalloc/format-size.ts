/**
 * Human-readable byte sizes, as tracemalloc prints them.
 *
 * Models `_format_size(size, sign)` of Lib/tracemalloc.py (identical in CPython 3.8 to
 * 3.13), the helper behind `str(Statistic)`, `str(StatisticDiff)` and `str(Trace)`:
 *
 *   - units B, KiB, MiB, GiB, TiB (powers of 1024);
 *   - below 100 of a unit other than B: one decimal (`12.3 KiB`);
 *   - below 10 * 1024 of a unit, or in TiB whatever the size: no decimal (`1234 KiB`);
 *   - otherwise divide by 1024 and try the next unit;
 *   - `sign` adds `+` to non-negative values (`%+.1f`).
 *
 * Rounding is printf's: exact, half to even (`2.5 B` prints `2 B`).
 */

import { formatFixed } from './py-text.ts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * Formats a size in bytes like CPython's `tracemalloc._format_size(size, sign)`.
 *
 * @param size A size or size difference in bytes; may be negative or fractional (an average).
 * @param sign Print a `+` before non-negative values (used for differences).
 * @returns e.g. `'0 B'`, `'9999 B'`, `'12.3 KiB'`, `'+1024 KiB'`, `'-5.0 GiB'`.
 */
export function formatSize(size: number, sign: boolean): string {
  let value = size;
  for (const unit of UNITS) {
    if (Math.abs(value) < 100 && unit !== 'B') return `${formatFixed(value, 1, sign)} ${unit}`;
    if (Math.abs(value) < 10 * 1024 || unit === 'TiB') {
      return `${formatFixed(value, 0, sign)} ${unit}`;
    }
    value /= 1024;
  }
  // Not reached: the TiB unit always returns. NaN reaches TiB too and prints 'nan TiB'.
  return `${formatFixed(value, 0, sign)} TiB`;
}
