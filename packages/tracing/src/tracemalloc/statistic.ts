/**
 * Grouped statistics of a snapshot, and differences between two snapshots.
 *
 * Models `tracemalloc.Statistic` and `tracemalloc.StatisticDiff` of Lib/tracemalloc.py
 * (identical in CPython 3.8 to 3.13), including their sort keys:
 *
 *   Statistic:      (size, count, traceback)                                  descending
 *   StatisticDiff:  (abs(size_diff), size, abs(count_diff), count, traceback) descending
 *
 * where `traceback` compares as a tuple of `(filename, lineno)` tuples, oldest frame
 * first (see traceback.ts). `str()` of both starts with `str(traceback)`, which is the
 * traceback's OLDEST frame: for key type 'traceback' that is the outermost caller, not
 * the allocation site.
 */

import { formatSize } from './format-size.ts';
import { compareNumbers, pyInt, pySignedInt } from './py-text.ts';
import type { Traceback } from './traceback.ts';

/** `", average=<size / count>"`, or nothing when `count` is 0. */
function averageSuffix(size: number, count: number): string {
  return count !== 0 ? `, average=${formatSize(size / count, false)}` : '';
}

/** Memory allocated at one key (file, line or traceback): `tracemalloc.Statistic`. */
export class Statistic {
  /** The grouping key, e.g. a one-frame traceback `file.py:12` for key type 'lineno'. */
  readonly traceback: Traceback;
  /** Total size of the grouped blocks, in bytes. */
  readonly size: number;
  /** Number of grouped blocks (in cumulative mode: of block-frame incidences). */
  readonly count: number;

  /**
   * @param traceback The grouping key.
   * @param size Total bytes.
   * @param count Number of blocks.
   */
  constructor(traceback: Traceback, size: number, count: number) {
    this.traceback = traceback;
    this.size = size;
    this.count = count;
  }

  /** `self == other`: equal tracebacks, sizes and counts. */
  equals(other: Statistic): boolean {
    return (
      this.traceback.equals(other.traceback) &&
      this.size === other.size &&
      this.count === other.count
    );
  }

  /**
   * `str(stat)`, e.g. `"file.py:12: size=1234 KiB, count=5, average=247 KiB"`.
   *
   * @throws TracemallocError `IndexError` when the key traceback is empty.
   */
  toString(): string {
    const text = `${this.traceback}: size=${formatSize(this.size, false)}, count=${pyInt(this.count)}`;
    return text + averageSuffix(this.size, this.count);
  }

  /** `repr(stat)`: `<Statistic traceback=<Traceback ...> size=N count=N>`. */
  repr(): string {
    return `<Statistic traceback=${this.traceback.repr()} size=${pyInt(this.size)} count=${pyInt(this.count)}>`;
  }
}

/**
 * How one key changed between an old and a new snapshot: `tracemalloc.StatisticDiff`.
 * A key present only in the old snapshot has `size` and `count` 0.
 */
export class StatisticDiff {
  /** The grouping key. */
  readonly traceback: Traceback;
  /** Total bytes in the new snapshot. */
  readonly size: number;
  /** New minus old total bytes. */
  readonly sizeDiff: number;
  /** Number of blocks in the new snapshot. */
  readonly count: number;
  /** New minus old number of blocks. */
  readonly countDiff: number;

  /**
   * @param traceback The grouping key.
   * @param size Bytes in the new snapshot.
   * @param sizeDiff New minus old bytes.
   * @param count Blocks in the new snapshot.
   * @param countDiff New minus old blocks.
   */
  constructor(
    traceback: Traceback,
    size: number,
    sizeDiff: number,
    count: number,
    countDiff: number,
  ) {
    this.traceback = traceback;
    this.size = size;
    this.sizeDiff = sizeDiff;
    this.count = count;
    this.countDiff = countDiff;
  }

  /** `self == other`: all five fields equal. */
  equals(other: StatisticDiff): boolean {
    return (
      this.traceback.equals(other.traceback) &&
      this.size === other.size &&
      this.sizeDiff === other.sizeDiff &&
      this.count === other.count &&
      this.countDiff === other.countDiff
    );
  }

  /**
   * `str(diff)`, e.g. `"a.py:3: size=10.0 KiB (+2048 B), count=5 (+1), average=2048 B"`.
   *
   * @throws TracemallocError `IndexError` when the key traceback is empty.
   */
  toString(): string {
    const text =
      `${this.traceback}: size=${formatSize(this.size, false)} (${formatSize(this.sizeDiff, true)}), ` +
      `count=${pyInt(this.count)} (${pySignedInt(this.countDiff)})`;
    return text + averageSuffix(this.size, this.count);
  }

  /** `repr(diff)`: `<StatisticDiff traceback=<Traceback ...> size=N (+N) count=N (+N)>`. */
  repr(): string {
    return (
      `<StatisticDiff traceback=${this.traceback.repr()} size=${pyInt(this.size)} ` +
      `(${pySignedInt(this.sizeDiff)}) count=${pyInt(this.count)} (${pySignedInt(this.countDiff)})>`
    );
  }
}

/**
 * Sort comparator giving CPython's order for `Snapshot.statistics()`: descending by
 * (size, count, traceback).
 */
export function compareStatisticsDescending(a: Statistic, b: Statistic): number {
  return (
    compareNumbers(b.size, a.size) ||
    compareNumbers(b.count, a.count) ||
    b.traceback.compareTo(a.traceback)
  );
}

/**
 * Sort comparator giving CPython's order for `Snapshot.compare_to()`: descending by
 * (abs(size_diff), size, abs(count_diff), count, traceback).
 */
export function compareStatisticDiffsDescending(a: StatisticDiff, b: StatisticDiff): number {
  return (
    compareNumbers(Math.abs(b.sizeDiff), Math.abs(a.sizeDiff)) ||
    compareNumbers(b.size, a.size) ||
    compareNumbers(Math.abs(b.countDiff), Math.abs(a.countDiff)) ||
    compareNumbers(b.count, a.count) ||
    b.traceback.compareTo(a.traceback)
  );
}
