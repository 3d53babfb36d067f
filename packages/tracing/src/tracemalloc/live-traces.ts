/**
 * The table of live traces that tracemalloc keeps while tracing, fed by allocator events.
 *
 * Models the default-domain traces table of Python/tracemalloc.c (Modules/_tracemalloc.c
 * before 3.12) and the hooks that update it, as in CPython 3.9 to 3.13:
 *
 *   malloc/calloc -> ptr        add a trace at ptr with the current traceback
 *   realloc(old -> new), moved  remove the trace at old, then add one at new
 *   realloc(old -> old), in place
 *                               the trace at old is updated: its size becomes the new
 *                               size AND its traceback becomes the current one (the
 *                               realloc site), exactly like remove + add for the
 *                               counters (current - old_size + new_size, peak checked
 *                               after); the entry keeps its place in the table
 *   realloc(NULL -> new)        an allocation
 *   free(ptr)                   remove the trace at ptr; nothing if ptr is not traced
 *   adding at a traced ptr      replaces that trace (same rule as in place)
 *
 * `PyTraceMalloc_Track(domain, ptr, size)` / `PyTraceMalloc_Untrack(domain, ptr)` follow
 * the same add/remove rules in other domains. Every trace here is in domain 0.
 *
 * Tracebacks: CPython captures at most `max_nframe` frames (the `tracemalloc.start(n)`
 * argument), most recent first, and counts all of them in `total_nframe` (3.9+, capped at
 * 65535). A stack with no Python frame at all gets the shared traceback
 * `(('<unknown>', 0),)` with `total_nframe` 1. The caller passes the frames of the
 * allocation site; `maxNframe` (optional) truncates them as CPython would.
 *
 * Snapshot order is the table's insertion order; CPython's hash-table order is
 * unspecified, and no result of Snapshot depends on it.
 */

import { TracemallocError, TracemallocErrorCode } from './errors.ts';
import type { RawFrame } from './frame.ts';
import { Snapshot } from './snapshot.ts';
import type { RawTrace } from './trace.ts';
import { Traceback } from './traceback.ts';
import { TracedMemory } from './traced-memory.ts';

/** Largest traceback limit and `total_nframe` in CPython 3.9+ (`UINT16_MAX`). */
export const MAX_NFRAME = 65535;

const UNKNOWN_FRAMES: readonly RawFrame[] = [['<unknown>', 0]];

/** Options of {@link LiveTraces}. */
export interface LiveTracesOptions {
  /**
   * `tracemalloc.start(nframe)`: keep at most this many most recent frames per trace
   * (1 to 65535). Without it frames are stored as given.
   */
  readonly maxNframe?: number;
}

/** One live trace: what CPython's `trace_t` holds, plus the traceback's frame count. */
interface LiveTrace {
  readonly size: number;
  readonly frames: readonly RawFrame[];
  readonly totalNframe: number;
}

function checkPointer(ptr: number): void {
  if (!Number.isSafeInteger(ptr) || ptr < 0) {
    throw new RangeError(`pointer must be a non-negative safe integer, got ${ptr}`);
  }
}

/**
 * The live traces of domain 0 and their counters, updated by allocator events.
 * `takeSnapshot()` is `tracemalloc.take_snapshot()` restricted to this table.
 */
export class LiveTraces {
  /** The traced-memory counters (`get_traced_memory()`). */
  readonly memory: TracedMemory = new TracedMemory();
  /** The frame limit given at construction, or `null` when frames are kept as given. */
  readonly maxNframe: number | null;
  readonly #traces = new Map<number, LiveTrace>();

  /**
   * @param options See {@link LiveTracesOptions}.
   * @throws TracemallocError `ValueError: the number of frames must be in range [1; 65535]`
   *   (CPython 3.8 allows up to 178956969).
   */
  constructor(options: LiveTracesOptions = {}) {
    const max = options.maxNframe;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > MAX_NFRAME)) {
      throw new TracemallocError(
        TracemallocErrorCode.valueError,
        `the number of frames must be in range [1; ${MAX_NFRAME}]`,
      );
    }
    this.maxNframe = max ?? null;
  }

  /** Number of live traces. */
  get size(): number {
    return this.#traces.size;
  }

  /** `tracemalloc_add_trace`: add, or replace in place, the trace at `ptr`. */
  #addTrace(ptr: number, size: number, frames: readonly RawFrame[], totalNframe: number): void {
    checkPointer(ptr);
    let kept: readonly RawFrame[];
    let total: number;
    if (frames.length === 0) {
      kept = UNKNOWN_FRAMES;
      total = 1;
    } else {
      kept = frames.slice(0, this.maxNframe ?? frames.length);
      total = Math.min(Math.max(totalNframe, frames.length), MAX_NFRAME);
    }
    const previous = this.#traces.get(ptr);
    if (previous !== undefined) this.memory.remove(previous.size);
    this.memory.add(size);
    this.#traces.set(ptr, { size, frames: kept, totalNframe: total });
  }

  /** `tracemalloc_remove_trace`: drop the trace at `ptr`, if any. */
  #removeTrace(ptr: number): boolean {
    const trace = this.#traces.get(ptr);
    if (trace === undefined) return false;
    this.memory.remove(trace.size);
    this.#traces.delete(ptr);
    return true;
  }

  /**
   * A block of `size` bytes was allocated at `ptr` (malloc/calloc). A trace already at
   * `ptr` is replaced.
   *
   * @param ptr Block address.
   * @param size Block size in bytes.
   * @param frames The allocation's frames, MOST RECENT FIRST; empty means no Python frame.
   * @param totalNframe Frames in the whole stack (defaults to `frames.length`).
   */
  alloc(ptr: number, size: number, frames: readonly RawFrame[], totalNframe?: number): void {
    this.#addTrace(ptr, size, frames, totalNframe ?? frames.length);
  }

  /**
   * `realloc(oldPtr, size)` returned `newPtr`. Moved: the old trace goes, a new one comes
   * with the current traceback. In place: the trace gets the new size and the current
   * traceback. `oldPtr` `null` (or 0, C's NULL) is an allocation.
   *
   * @param oldPtr The block passed to realloc, or `null`.
   * @param newPtr The block realloc returned.
   * @param size The new size in bytes.
   * @param frames The realloc call's frames, MOST RECENT FIRST.
   * @param totalNframe Frames in the whole stack (defaults to `frames.length`).
   */
  realloc(
    oldPtr: number | null,
    newPtr: number,
    size: number,
    frames: readonly RawFrame[],
    totalNframe?: number,
  ): void {
    if (oldPtr !== null && oldPtr !== 0 && oldPtr !== newPtr) this.#removeTrace(oldPtr);
    this.#addTrace(newPtr, size, frames, totalNframe ?? frames.length);
  }

  /**
   * The block at `ptr` was freed. Freeing an untraced block (allocated before tracing
   * started, or never) changes nothing.
   *
   * @returns whether a trace was removed.
   */
  free(ptr: number): boolean {
    return this.#removeTrace(ptr);
  }

  /**
   * `tracemalloc._get_object_traceback` for a block address: its Traceback, or `null`
   * when the block is not traced.
   */
  getTraceback(ptr: number): Traceback | null {
    const trace = this.#traces.get(ptr);
    return trace === undefined ? null : new Traceback(trace.frames, trace.totalNframe);
  }

  /** `tracemalloc.get_traced_memory()`: `[current, peak]` in bytes. */
  getTracedMemory(): readonly [current: number, peak: number] {
    return this.memory.getTracedMemory();
  }

  /** `tracemalloc.reset_peak()` (3.9+): peak = current. */
  resetPeak(): void {
    this.memory.resetPeak();
  }

  /** `tracemalloc.clear_traces()`: forget every trace; current and peak become 0. */
  clearTraces(): void {
    this.#traces.clear();
    this.memory.clearTraces();
  }

  /**
   * `tracemalloc.take_snapshot()`: a Snapshot of the live traces, as 3.9+ raw traces
   * `(0, size, frames, total_nframe)`.
   *
   * @param tracebackLimit The snapshot's `traceback_limit` (CPython passes
   *   `get_traceback_limit()`); defaults to `maxNframe`, else 1.
   */
  takeSnapshot(tracebackLimit: number = this.maxNframe ?? 1): Snapshot {
    const traces: RawTrace[] = [];
    for (const trace of this.#traces.values()) {
      traces.push([0, trace.size, trace.frames, trace.totalNframe]);
    }
    return new Snapshot(traces, tracebackLimit);
  }
}
