/**
 * The traced-memory counters behind `tracemalloc.get_traced_memory()`.
 *
 * Models the two counters of Python/tracemalloc.c (Modules/_tracemalloc.c before 3.12),
 * `tracemalloc_traced_memory` and `tracemalloc_peak_traced_memory`, as CPython 3.9 to
 * 3.13 update them:
 *
 *   adding a trace of n bytes     current += n; then peak = max(peak, current)
 *   removing a trace of n bytes   current -= n (the peak is untouched)
 *   reset_peak()   (3.9+)         peak = current
 *   clear_traces()                current = 0, peak = 0
 *   get_traced_memory()           (current, peak)
 *
 * The peak is only compared after an addition, so replacing a trace (realloc) that
 * first removes n and then adds m peaks at `current - n + m`, never `current + m`.
 * CPython 3.8 has no `reset_peak()`. When tracemalloc is not tracing, CPython reports
 * (0, 0); tracing state is not modelled here.
 */

import { TracemallocError, TracemallocErrorCode } from './errors.ts';

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`size must be a non-negative safe integer, got ${size}`);
  }
}

/** Current and peak traced bytes, updated by {@link add} and {@link remove}. */
export class TracedMemory {
  #current = 0;
  #peak = 0;

  /** Bytes currently traced (`get_traced_memory()[0]`). */
  get current(): number {
    return this.#current;
  }

  /** Highest `current` since the start, the last `clearTraces()` or `resetPeak()`. */
  get peak(): number {
    return this.#peak;
  }

  /**
   * A trace of `size` bytes was added: `current += size`, then the peak follows it.
   *
   * @throws RangeError if `size` is not a non-negative safe integer.
   */
  add(size: number): void {
    checkSize(size);
    this.#current += size;
    if (this.#current > this.#peak) this.#peak = this.#current;
  }

  /**
   * A trace of `size` bytes was removed: `current -= size`.
   *
   * @throws RangeError if `size` is not a non-negative safe integer.
   * @throws TracemallocError `AssertionError` if more than `current` would be removed
   *   (CPython asserts this in debug builds and would wrap around in release builds).
   */
  remove(size: number): void {
    checkSize(size);
    if (size > this.#current) {
      throw new TracemallocError(
        TracemallocErrorCode.assertionError,
        `removing ${size} bytes but only ${this.#current} are traced`,
      );
    }
    this.#current -= size;
  }

  /** `tracemalloc.get_traced_memory()`: `[current, peak]` in bytes. */
  getTracedMemory(): readonly [current: number, peak: number] {
    return [this.#current, this.#peak];
  }

  /** `tracemalloc.reset_peak()` (3.9+): the peak becomes the current size. */
  resetPeak(): void {
    this.#peak = this.#current;
  }

  /** The counter part of `tracemalloc.clear_traces()`: both counters return to 0. */
  clearTraces(): void {
    this.#current = 0;
    this.#peak = 0;
  }
}
