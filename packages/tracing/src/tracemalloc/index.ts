/**
 * tracemalloc's Python API in TypeScript.
 *
 * Models the pure-Python half of CPython's tracemalloc (Lib/tracemalloc.py, 3.9 to 3.13,
 * with 3.8 differences noted per file) and the counters and trace table of its C half
 * (Python/tracemalloc.c): Frame, Traceback, Trace, Statistic, StatisticDiff, Filter,
 * DomainFilter, Snapshot, `_format_size`, `get_traced_memory()`/`reset_peak()`/
 * `clear_traces()` and the live trace table fed by malloc/realloc/free.
 *
 * Names follow CPython's, in camelCase (`compare_to` → `compareTo`). Errors are
 * {@link TracemallocError}s whose `code` is the Python exception class and whose message is
 * CPython's. Browser-safe: no Node.js imports.
 */

export { TracemallocError, TracemallocErrorCode } from './errors.ts';
export { BaseFilter, DomainFilter, Filter, normalizeFilename } from './filter.ts';
export { fnmatch, fnmatchcase } from './fnmatch.ts';
export { formatSize } from './format-size.ts';
export { Frame, type RawFrame } from './frame.ts';
export { LiveTraces, type LiveTracesOptions, MAX_NFRAME } from './live-traces.ts';
export { KeyType, Snapshot } from './snapshot.ts';
export {
  compareStatisticDiffsDescending,
  compareStatisticsDescending,
  Statistic,
  StatisticDiff,
} from './statistic.ts';
export { type RawTrace, Trace, Traces } from './trace.ts';
export { type GetLine, Traceback } from './traceback.ts';
export { TracedMemory } from './traced-memory.ts';
