/**
 * Records a model run as a trace: a subscriber of the runtime's bus that writes what
 * the real recorder writes for CPython (allocator calls, arena `A`/`F`) plus what only
 * the model knows (object records, collector records), in the order the layers acted.
 *
 *   bus channel   event                     trace
 *   ───────────   ───────────────────────   ─────────────────────────────────────────
 *   obmalloc      arena-new / arena-release A <ARENA_SIZE> <addr> / F <addr> <ARENA_SIZE>
 *   objects       memory-call               m / c / r / f <domain> …   (PEP 445 level)
 *                 object-new … untrack      o new|reuse|free|park|track|untrack
 *   refcounts     object-incref / -decref   o incref|decref <h> <refcnt>   (on request)
 *   gc            gc-scheduled … gc-stop    g scheduled|start|phase|weakref|stop, and a
 *                                           G summary line at each stop (duration 0:
 *                                           the model has no clock)
 *
 * An arena event is published inside the call that caused it, before that call's
 * memory-call, so `A`/`F` precede their `m`/`f` exactly as the real recorder writes
 * them; a replay of the result (`Replayer` with `verify`) therefore takes the same
 * arenas and must land on the same blocks. `stop()` ends with a mark carrying the
 * model's own statistics text, which a verifying replay compares too.
 *
 * Invariants: the recorder starts on an allocator that has handed out nothing (else a
 * replay would free blocks it never saw); every object record's `size` is the bytes
 * requested for its block by a memory-call the recorder saw (0 otherwise).
 */
import type { Collector, GcEvent } from '@pymem/gc';
import type { ObjectEvent, RefcountEvent } from '@pymem/objects';
import { collectMallocStats, formatMallocStats, type ObmallocEvent } from '@pymem/obmalloc';
import { Domain, Op, type Trace, TraceBuilder } from '@pymem/tracing';
import type { Unsubscribe } from './event-bus.ts';
import { type ModelGcState, modelHeapSnapshot } from './model-heap-snapshot.ts';
import type { Runtime } from './runtime.ts';

/** Options of {@link TraceRecorder}. */
export interface TraceRecorderOptions {
  /** The `python` line of the trace; the runtime's profile (e.g. `3.12`) by default. */
  readonly python?: string;
  /** Also record every reference-count change (`o incref` / `o decref`): many records. */
  readonly refcounts?: boolean;
}

/** Thrown when a recording cannot start or is used after it stopped. */
export class TraceRecorderError extends Error {
  /** Stable error code. */
  readonly code = 'trace-recorder' as const;
}

/** Records every layer of a {@link Runtime} into a {@link Trace}; see the module comment. */
export class TraceRecorder {
  private readonly builder = new TraceBuilder();
  private readonly runtime: Runtime;
  private readonly python: string;
  private readonly arenaSize: number;
  /** Bytes requested for each block the object layer holds, by block address. */
  private readonly blockSizes = new Map<number, number>();
  private unsubscribes: Unsubscribe[] = [];

  /**
   * Subscribes to every channel of `runtime` (refcounts only when asked).
   * @throws TraceRecorderError when the allocator has already handed out blocks.
   */
  constructor(runtime: Runtime, options: TraceRecorderOptions = {}) {
    if (runtime.obmalloc.getAllocatedBlocks() > 0) {
      throw new TraceRecorderError(
        'the allocator has already handed out blocks: start the recorder before the run',
      );
    }
    this.runtime = runtime;
    this.python = options.python ?? runtime.profile;
    this.arenaSize = runtime.obmalloc.constants.arenaSize;
    const events = runtime.events;
    this.unsubscribes = [
      events.subscribe('obmalloc', (event) => this.onObmalloc(event)),
      events.subscribe('objects', (event) => this.onObject(event)),
      events.subscribe('gc', (event) => this.onCollector(event)),
    ];
    if (options.refcounts)
      this.unsubscribes.push(events.subscribe('refcounts', (event) => this.onRefcount(event)));
  }

  /** Events recorded so far: the event index the next one will take. */
  get eventCount(): number {
    return this.builder.length;
  }

  /** True until {@link stop}. */
  get recording(): boolean {
    return this.unsubscribes.length > 0;
  }

  /**
   * Adds a mark `label` at this point of the recording, without statistics (a verifying
   * replay has nothing to compare there; `pymem report --mark LABEL` can stop on it).
   * @throws TraceRecorderError after {@link stop}
   */
  mark(label: string): void {
    if (!this.recording) throw new TraceRecorderError('the recording was already stopped');
    this.builder.marks.push({
      ...this.builder.position(),
      label,
      stats: '',
      tracemalloc: '',
      line: 0,
    });
  }

  /**
   * Adds a heap snapshot `label` of the runtime's object heap at this point
   * (model-heap-snapshot.ts), for `pymem objects` and `pymem gc`. `collector` gives the
   * generations and gc state when the program has one.
   * @throws TraceRecorderError without an object heap, or after {@link stop}
   */
  heapSnapshot(label: string, collector: Collector | null = null, gcState?: ModelGcState): void {
    const heap = this.runtime.heap;
    if (heap === null) throw new TraceRecorderError('the runtime has no object heap to snapshot');
    if (!this.recording) throw new TraceRecorderError('the recording was already stopped');
    this.builder.heapSnapshots.push(
      modelHeapSnapshot(heap, this.builder.position(), label, collector, gcState),
    );
  }

  /**
   * Unsubscribes, adds a final mark (`label`) with the allocator's statistics, and
   * returns the trace. @throws TraceRecorderError when called twice.
   */
  stop(label = 'end'): Trace {
    if (!this.recording) throw new TraceRecorderError('the recording was already stopped');
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    const builder = this.builder;
    builder.marks.push({
      ...builder.position(),
      label,
      stats: formatMallocStats(collectMallocStats(this.runtime.obmalloc)),
      tracemalloc: '',
      line: 0,
    });
    return builder.finish({ formatVersion: 1, python: this.python, metadata: {} });
  }

  private onObmalloc(event: ObmallocEvent): void {
    if (event.type === 'arena-new')
      this.builder.push(Op.arenaAlloc, 0, this.arenaSize, event.address, 0, 0);
    else if (event.type === 'arena-release')
      this.builder.push(Op.arenaFree, 0, event.address, this.arenaSize, 0, 0);
  }

  private onObject(event: ObjectEvent): void {
    const builder = this.builder;
    switch (event.type) {
      case 'memory-call': {
        const domain = event.domain === 'obj' ? Domain.obj : Domain.mem;
        const { address, nbytes } = event;
        if (event.call === 'free') {
          builder.push(Op.free, domain, address, 0, 0, 0);
          this.blockSizes.delete(address);
          return;
        }
        if (event.call === 'realloc') {
          builder.push(Op.realloc, domain, event.previous, nbytes, address, 0);
          this.blockSizes.delete(event.previous);
        } else
          builder.push(
            event.call === 'malloc' ? Op.malloc : Op.calloc,
            domain,
            nbytes,
            address,
            0,
            0,
          );
        this.blockSizes.set(address, nbytes);
        return;
      }
      case 'object-new':
        builder.objectRecords.push({
          eventIndex: builder.length,
          seq: builder.seq++,
          kind: 'new',
          handle: event.handle,
          typeName: event.objectType,
          address: event.address,
          size: this.blockSizes.get(event.address) ?? 0,
          reused: event.reused,
        });
        return;
      case 'object-free':
      case 'object-park':
        builder.objectRecords.push({
          eventIndex: builder.length,
          seq: builder.seq++,
          kind: event.type === 'object-free' ? 'free' : 'park',
          handle: event.handle,
          address: event.address,
        });
        return;
      default:
        builder.objectRecords.push({
          eventIndex: builder.length,
          seq: builder.seq++,
          kind: event.type === 'object-track' ? 'track' : 'untrack',
          handle: event.handle,
        });
    }
  }

  private onRefcount(event: RefcountEvent): void {
    const builder = this.builder;
    builder.objectRecords.push({
      eventIndex: builder.length,
      seq: builder.seq++,
      kind: event.type === 'object-incref' ? 'incref' : 'decref',
      handle: event.handle,
      refcnt: event.refcnt,
    });
  }

  private onCollector(event: GcEvent): void {
    const builder = this.builder;
    const records = builder.collectorRecords;
    switch (event.type) {
      case 'gc-scheduled':
        records.push({ ...builder.position(), kind: 'scheduled', counts: [...event.counts] });
        return;
      case 'gc-start':
        records.push({
          ...builder.position(),
          kind: 'start',
          generation: event.generation,
          reason: event.reason,
          counts: [...event.counts],
          generationSizes: [...event.generationSizes],
        });
        return;
      case 'gc-phase':
        records.push({
          ...builder.position(),
          kind: 'phase',
          generation: event.generation,
          phase: event.phase,
          objects: Array.from(event.objects),
        });
        return;
      case 'gc-weakref-callback':
        records.push({
          ...builder.position(),
          kind: 'weakref',
          generation: event.generation,
          handle: event.weakref,
          freed: event.freed,
        });
        return;
      default:
        records.push({
          ...builder.position(),
          kind: 'stop',
          generation: event.generation,
          collected: event.collected,
          uncollectable: event.uncollectable,
        });
        builder.gcCollections.push({
          ...builder.position(),
          generation: event.generation,
          collected: event.collected,
          uncollectable: event.uncollectable,
          durationNs: 0,
        });
    }
  }
}
