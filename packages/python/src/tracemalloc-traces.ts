/**
 * The traces `tracemalloc` keeps while it runs: every block allocated since
 * `tracemalloc.start()` and still alive, with the size that was requested, and the
 * peak of their sum. Fed by the heap's allocator calls (its `memory-call` events):
 *
 *   malloc / calloc     a new trace of the requested size
 *   realloc p → q       p's trace (if any) removed, q traced with the new size — a block
 *                       made before start() becomes traced once it is resized
 *   free p              p's trace removed (a block made before start() has none)
 *   after each add      peak = max(peak, traced)
 *
 * Objects the heap takes from a free list cost no allocator call. CPython's free lists
 * are warm after start-up (measured: lists, 2-tuples and floats are reused, untraced),
 * while the model's start empty, so the model's fresh header of such an object is not
 * traced, as CPython's reused one is not. This holds only while CPython's list still
 * has one to give: the number of such objects alive that were made since start() is
 * bounded (WARM_FREE_LISTS, a margin below the counts measured on 3.8–3.13); beyond
 * it, or for a type whose allocations were not measured, the traces are not vouched
 * for and `reason` says why.
 *
 * Invariants: `traced` = Σ sizes of `traces`; `peak` ≥ `traced`.
 *
 * Models tracemalloc_alloc, tracemalloc_realloc, tracemalloc_free,
 * tracemalloc_add_trace and tracemalloc_remove_trace (Modules/_tracemalloc.c 3.8–3.12,
 * Python/tracemalloc.c 3.13), their sizes measured on 3.8–3.13.
 */
import type { Heap, ObjectEvent, ObjectHandle, ObjectType } from '@pymem/objects';

/**
 * How many objects of a free-list type made since start() may be alive at once while
 * CPython's warm free list still supplies them (measured after start-up: ≥ 12 lists,
 * ≥ 14 two-tuples, ≥ 2 floats on every version 3.8–3.13).
 */
const WARM_FREE_LISTS: Readonly<Partial<Record<ObjectType, number>>> = {
  list: 6,
  tuple: 8,
  float: 1,
};

/**
 * Types whose allocation sizes the model requests exactly as CPython does (their
 * `sys.getsizeof` and growth are checked by the differential programs). Any other
 * object made while tracing is not vouched for.
 */
const VOUCHED_TYPES: ReadonlySet<ObjectType> = new Set<ObjectType>([
  'int',
  'str',
  'bytes',
  'list',
  'tuple',
  'float',
  'range',
  'range_iterator',
  'list_iterator',
]);

/** The traced blocks of one run (see the module comment). */
export class TracedBlocks {
  /** Traced blocks: address → requested bytes. */
  private readonly traces = new Map<number, number>();
  /** Σ of `traces`. */
  traced = 0;
  /** The largest `traced` since start() (or the last reset). */
  peak = 0;
  /** Why the traces are not exact, or null while they are. */
  reason: string | null = null;
  /** A malloc that may be the header of the object made next: [address, bytes]. */
  private pending: [number, number] | null = null;
  /** Objects of a free-list type made since start() and alive, by type. */
  private readonly warm = new Map<ObjectHandle, ObjectType>();
  private readonly heap: Heap;

  constructor(heap: Heap) {
    this.heap = heap;
  }

  /** Receives one heap event while tracing. */
  readonly listen = (event: ObjectEvent): void => {
    if (event.type === 'object-new') {
      const header = this.pending !== null && this.pending[0] === event.address;
      const bytes = header ? this.pending![1] : 0;
      if (header) this.pending = null;
      else this.flush();
      this.objectMade(event.handle, event.objectType, event.address, header, bytes);
      return;
    }
    this.flush();
    if (event.type === 'memory-call') {
      if (event.call === 'malloc' && event.domain === 'obj')
        this.pending = [event.address, event.nbytes];
      else if (event.call === 'free') this.remove(event.address);
      else {
        if (event.call === 'realloc') this.remove(event.previous);
        this.add(event.address, event.nbytes);
      }
    } else if (event.type === 'object-free' || event.type === 'object-park') {
      this.warm.delete(event.handle);
    }
  };

  /** Applies a malloc still waiting to see whether an object header follows it. */
  flush(): void {
    if (this.pending === null) return;
    const [address, bytes] = this.pending;
    this.pending = null;
    this.add(address, bytes);
  }

  /** `tracemalloc.reset_peak()`: the peak becomes the current size. */
  resetPeak(): void {
    this.flush();
    this.peak = this.traced;
  }

  /** `tracemalloc.clear_traces()`: no traces, both sizes 0. */
  clear(): void {
    this.pending = null;
    this.traces.clear();
    this.traced = 0;
    this.peak = 0;
  }

  private notVouched(reason: string): void {
    this.reason ??= reason;
  }

  private objectMade(
    h: ObjectHandle,
    type: ObjectType,
    address: number,
    header: boolean,
    bytes: number,
  ): void {
    if (!VOUCHED_TYPES.has(type)) this.notVouched(`a ${type} object made while tracing`);
    const layout = this.heap.layout;
    if (type === 'int') {
      if (!header) this.notVouched('an int taken from a free list');
      else if (bytes !== layout.intHeader + layout.digitBytes)
        this.notVouched('an int of more than one digit made while tracing');
      // 3.11+ make a one-digit int with _PyLong_FromMedium: sizeof(PyLongObject).
      else this.add(address, layout.minor >= 11 ? layout.intHeader + layout.pointerSize : bytes);
      return;
    }
    const warm = WARM_FREE_LISTS[type];
    if (warm === undefined) {
      if (header) this.add(address, bytes);
      return;
    }
    const items = header
      ? (bytes - layout.gcHeader - layout.tupleBasic) / layout.pointerSize
      : this.heap.lengthOf(h);
    if (type === 'tuple' && items !== 2)
      this.notVouched('a tuple of other than two items made while tracing');
    this.warm.set(h, type);
    let alive = 0;
    for (const t of this.warm.values()) if (t === type) alive++;
    if (alive > warm) this.notVouched(`more than ${warm} new ${type} objects alive while tracing`);
  }

  private add(address: number, bytes: number): void {
    const old = this.traces.get(address);
    if (old !== undefined) this.traced -= old;
    this.traces.set(address, bytes);
    this.traced += bytes;
    if (this.traced > this.peak) this.peak = this.traced;
  }

  private remove(address: number): void {
    const old = this.traces.get(address);
    if (old === undefined) return;
    this.traces.delete(address);
    this.traced -= old;
  }
}
