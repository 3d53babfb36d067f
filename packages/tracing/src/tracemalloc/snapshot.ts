/**
 * A snapshot of the traced memory blocks, with statistics, comparison and filtering.
 *
 * Models `tracemalloc.Snapshot` of Lib/tracemalloc.py (CPython 3.9 to 3.13; 3.8 gives
 * the same results on its 3-tuple traces). `dump()`/`load()` (pickle) are not modelled.
 *
 * Grouping (`_group_by`), key by key type:
 *
 *   'traceback'  the whole traceback (all stored frames)
 *   'lineno'     a one-frame traceback of the MOST RECENT frame (the allocation site)
 *   'filename'   a one-frame traceback `(filename of the most recent frame, 0)`,
 *                so its str is `"file.py:0"`
 *
 * Key tracebacks are built without `total_nframe` (repr shows none). An empty raw
 * traceback raises `IndexError` for 'filename', gives an empty key for 'lineno' and
 * 'traceback' (whose `str()` then raises), and contributes nothing in cumulative mode.
 *
 * Cumulative mode ('lineno' and 'filename' only) adds each trace to the key of EVERY
 * frame of its traceback, once per frame: a frame repeated in a traceback (recursion),
 * or several frames of one file for 'filename', count the trace's size and a count of
 * 1 again each time. Cumulative totals can therefore exceed the snapshot's total.
 *
 * Statistics sort descending by (size, count, traceback); differences by
 * (abs(size_diff), size, abs(count_diff), count, traceback); see statistic.ts. Keys are
 * distinct, so the order is total and does not depend on the order of traces.
 */

import { TracemallocError, TracemallocErrorCode, tupleIndexError } from './errors.ts';
import type { BaseFilter } from './filter.ts';
import type { RawFrame } from './frame.ts';
import { pyTypeName, pyValueRepr } from './py-text.ts';
import {
  compareStatisticDiffsDescending,
  compareStatisticsDescending,
  Statistic,
  StatisticDiff,
} from './statistic.ts';
import { type RawTrace, Traces } from './trace.ts';
import { Traceback } from './traceback.ts';

/** How `statistics()` and `compareTo()` group traces. */
export const KeyType = {
  /** By file of the most recent frame. */
  filename: 'filename',
  /** By file and line of the most recent frame. */
  lineno: 'lineno',
  /** By whole traceback. */
  traceback: 'traceback',
} as const;

/** One of {@link KeyType}'s values. */
export type KeyType = (typeof KeyType)[keyof typeof KeyType];

/** A group being accumulated: the key traceback and running totals. */
interface Group {
  readonly traceback: Traceback;
  size: number;
  count: number;
}

function validateKeyType(keyType: unknown, cumulative: boolean): void {
  if (keyType !== 'traceback' && keyType !== 'filename' && keyType !== 'lineno') {
    throw new TracemallocError(
      TracemallocErrorCode.valueError,
      `unknown key_type: ${pyValueRepr(keyType)}`,
    );
  }
  if (cumulative && keyType === 'traceback') {
    // CPython's message, typo included.
    throw new TracemallocError(
      TracemallocErrorCode.valueError,
      `cumulative mode cannot by used with key type ${pyValueRepr(keyType)}`,
    );
  }
}

function addTo(groups: Map<string, Group>, traceback: Traceback, size: number): void {
  const group = groups.get(traceback.key);
  if (group === undefined) groups.set(traceback.key, { traceback, size, count: 1 });
  else {
    group.size += size;
    group.count += 1;
  }
}

/** A snapshot of traces: `tracemalloc.Snapshot(traces, traceback_limit)`. */
export class Snapshot {
  /** The traces (CPython's `snapshot.traces`; raw tuples in `traces.raw`). */
  readonly traces: Traces;
  /** The traceback limit in force when the snapshot was taken (frames per traceback). */
  readonly tracebackLimit: number;

  /**
   * @param traces Raw traces `(domain, size, frames_most_recent_first, total_nframe)`.
   * @param tracebackLimit `tracemalloc.get_traceback_limit()` at snapshot time.
   */
  constructor(traces: readonly RawTrace[], tracebackLimit: number) {
    this.traces = new Traces(traces);
    this.tracebackLimit = tracebackLimit;
  }

  /**
   * `snapshot.filter_traces(filters)`: a new Snapshot with the traces kept by the filters.
   * A trace is kept when at least one inclusive filter matches it (or there is none) and
   * no exclusive filter rejects it; trace order is preserved. An empty list copies all.
   *
   * @throws TracemallocError `TypeError` when `filters` is not iterable;
   *   `IndexError` from a filter on an empty traceback (see filter.ts).
   */
  filterTraces(filters: Iterable<BaseFilter>): Snapshot {
    const maybe = filters as unknown;
    if (
      maybe === null ||
      maybe === undefined ||
      typeof (maybe as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
    ) {
      throw new TracemallocError(
        TracemallocErrorCode.typeError,
        `filters must be a list of filters, not ${pyTypeName(maybe)}`,
      );
    }
    const list = [...filters];
    if (list.length === 0) return new Snapshot([...this.traces.raw], this.tracebackLimit);
    const include = list.filter((filter) => filter.inclusive);
    const exclude = list.filter((filter) => !filter.inclusive);
    const kept = this.traces.raw.filter(
      (trace) =>
        (include.length === 0 || include.some((filter) => filter.matches(trace))) &&
        !exclude.some((filter) => !filter.matches(trace)),
    );
    return new Snapshot(kept, this.tracebackLimit);
  }

  /** `_group_by(key_type, cumulative)`: key → accumulated size and count. */
  #groupBy(keyType: KeyType, cumulative: boolean): Map<string, Group> {
    validateKeyType(keyType, cumulative);
    const groups = new Map<string, Group>();
    const keys = new Map<unknown, Traceback>();
    if (!cumulative) {
      for (const [, size, frames] of this.traces.raw) {
        let key = keys.get(frames);
        if (key === undefined) {
          if (keyType === 'traceback') key = new Traceback(frames);
          else if (keyType === 'lineno') key = new Traceback(frames.slice(0, 1));
          else {
            const recent = frames[0];
            if (recent === undefined) throw tupleIndexError();
            key = new Traceback([[recent[0], 0]]);
          }
          keys.set(frames, key);
        }
        addTo(groups, key, size);
      }
    } else {
      const frameKeys = new Map<string, Traceback>();
      for (const [, size, frames] of this.traces.raw) {
        for (const frame of frames) {
          const id = keyType === 'lineno' ? JSON.stringify(frame) : JSON.stringify(frame[0]);
          let key = frameKeys.get(id);
          if (key === undefined) {
            const keyFrame: RawFrame = keyType === 'lineno' ? frame : [frame[0], 0];
            key = new Traceback([keyFrame]);
            frameKeys.set(id, key);
          }
          addTo(groups, key, size);
        }
      }
    }
    return groups;
  }

  /**
   * `snapshot.statistics(key_type, cumulative=False)`: statistics grouped by key type,
   * sorted from the biggest (size, then count, then traceback, all descending).
   *
   * @param keyType 'filename', 'lineno' or 'traceback'.
   * @param cumulative Count each trace at every frame of its traceback ('filename' and
   *   'lineno' only).
   * @throws TracemallocError `ValueError: unknown key_type: '...'`;
   *   `ValueError: cumulative mode cannot by used with key type 'traceback'`;
   *   `IndexError` for key type 'filename' and an empty traceback.
   */
  statistics(keyType: KeyType, cumulative = false): Statistic[] {
    const groups = this.#groupBy(keyType, cumulative);
    const stats = [...groups.values()].map(
      (group) => new Statistic(group.traceback, group.size, group.count),
    );
    return stats.sort(compareStatisticsDescending);
  }

  /**
   * `snapshot.compare_to(old_snapshot, key_type, cumulative=False)`: per key, the new size
   * and count and their change since `old`; keys only in `old` get size and count 0.
   * Sorted by (abs(size_diff), size, abs(count_diff), count, traceback), descending.
   *
   * @param old The earlier snapshot.
   * @param keyType 'filename', 'lineno' or 'traceback'.
   * @param cumulative As for {@link statistics}.
   * @throws TracemallocError as {@link statistics} (this snapshot is grouped first).
   */
  compareTo(old: Snapshot, keyType: KeyType, cumulative = false): StatisticDiff[] {
    const newGroups = this.#groupBy(keyType, cumulative);
    const oldGroups = old.#groupBy(keyType, cumulative);
    const diffs: StatisticDiff[] = [];
    for (const [key, group] of newGroups) {
      const previous = oldGroups.get(key);
      oldGroups.delete(key);
      diffs.push(
        new StatisticDiff(
          group.traceback,
          group.size,
          group.size - (previous?.size ?? 0),
          group.count,
          group.count - (previous?.count ?? 0),
        ),
      );
    }
    for (const group of oldGroups.values()) {
      // `0 - x` rather than `-x`: Python's int has no negative zero.
      diffs.push(new StatisticDiff(group.traceback, 0, 0 - group.size, 0, 0 - group.count));
    }
    return diffs.sort(compareStatisticDiffsDescending);
  }
}
