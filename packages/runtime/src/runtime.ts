/**
 * One modelled interpreter: the memory layers of a CPython version profile, composed
 * and wired to one event bus.
 *
 *          ┌──────────── Runtime (profile 3.x) ────────────┐
 *          │  obmalloc ── hook ──► events: 'obmalloc'      │
 *          │  heap     ── hook ──► events: 'objects'       │
 *          │           ── refcountHook ──► 'refcounts'     │
 *          │  collector ── hook ──► events: 'gc'           │
 *          └───────────────────────────────────────────────┘
 *
 * The object heap is built on request (`objects: true`): a replay of a recording must
 * not have one, since creating CPython's cached objects allocates. The cycle collector
 * (`gc: true`, which implies the heap) is a `HeapCollector` attached to it: GC
 * allocations count toward its thresholds and its collections free through the heap.
 * A collector on another graph (a heap snapshot, a `TestGraph`) may be passed in built
 * (`collector`) instead: the runtime only fans its events out.
 * The runtime owns each layer's fast hook: nothing else may set `obmalloc.hook`,
 * `heap.hook`, `heap.refcountHook` or `collector.hook`.
 * A layer's hook is installed only while its channel has subscribers, so a runtime
 * nobody listens to runs each layer at full speed.
 */

import { type Collector, type GcEvent, HeapCollector } from '@pymem/gc';
import { Heap, type ObjectEvent, type RefcountEvent } from '@pymem/objects';
import {
  type ArenaAllocator,
  Obmalloc,
  type ObmallocEvent,
  type RawAllocator,
} from '@pymem/obmalloc';
import type { ProfileName } from '@pymem/versions';
import { EventBus } from './event-bus.ts';

/**
 * The bus's channels and the event union each carries: one channel per model layer.
 * `obmalloc`: every pymalloc decision (see `ObmallocEvent`); `objects`: objects made,
 * freed, parked on free lists, tracked and untracked, and the object layer's
 * allocator calls (see `ObjectEvent`; only with `objects: true`).
 */
export interface RuntimeEvents {
  /** pymalloc's decisions: blocks, pools, arenas, raw fallbacks. */
  readonly obmalloc: ObmallocEvent;
  /** The object heap's events. */
  readonly objects: ObjectEvent;
  /** Every reference-count change of the heap's mortal objects (asked for separately: many). */
  readonly refcounts: RefcountEvent;
  /** The cycle collector's events: start, each phase with the objects it touched, stop. */
  readonly gc: GcEvent;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** The CPython version profile to model. */
  readonly profile: ProfileName;
  /** Where arenas come from (a recording's addresses, or the deterministic model). */
  readonly arenaAllocator?: ArenaAllocator;
  /** Where requests pymalloc declines go. */
  readonly rawAllocator?: RawAllocator;
  /** Build the object heap (`@pymem/objects`) on this runtime's pymalloc. */
  readonly objects?: boolean;
  /** Attach the cycle collector (`@pymem/gc`) to the object heap; implies `objects`. */
  readonly gc?: boolean;
  /**
   * A collector on another graph whose events the bus carries on `gc` (its hook becomes
   * the runtime's); not with `gc: true`.
   */
  readonly collector?: Collector;
}

/** One modelled interpreter's memory layers and its event bus. */
export interface Runtime {
  /** The profile modelled. */
  readonly profile: ProfileName;
  /** pymalloc. Its `hook` belongs to the runtime: subscribe to `events` instead. */
  readonly obmalloc: Obmalloc;
  /** The object heap, or null unless asked for (`objects: true`). Its `hook` belongs to the runtime. */
  readonly heap: Heap | null;
  /**
   * The cycle collector on the heap, or null unless asked for (`gc: true`): its `gc`
   * module, `evalBreaker()` (3.12+ scheduled collections) and finalizer bodies.
   */
  readonly collector: HeapCollector | null;
  /** Every layer's events; subscribe with `events.subscribe('obmalloc', …)`. */
  readonly events: EventBus<RuntimeEvents>;
}

/** Composes the model layers for `options.profile`. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const obmalloc = new Obmalloc({
    profile: options.profile,
    ...(options.arenaAllocator ? { arenaAllocator: options.arenaAllocator } : {}),
    ...(options.rawAllocator ? { rawAllocator: options.rawAllocator } : {}),
  });
  const events = new EventBus<RuntimeEvents>();
  events.onActivate('obmalloc', () => {
    obmalloc.hook = (event) => events.emit('obmalloc', event);
    return () => {
      obmalloc.hook = null;
    };
  });
  const heap =
    options.objects || options.gc ? new Heap({ profile: options.profile, obmalloc }) : null;
  if (heap !== null) {
    events.onActivate('objects', () => {
      heap.hook = (event) => events.emit('objects', event);
      return () => {
        heap.hook = null;
      };
    });
    events.onActivate('refcounts', () => {
      heap.refcountHook = (event) => events.emit('refcounts', event);
      return () => {
        heap.refcountHook = null;
      };
    });
  }
  if (options.gc && options.collector !== undefined) {
    throw new Error('createRuntime: give gc: true or a collector, not both');
  }
  const collector = heap !== null && options.gc ? new HeapCollector(heap) : null;
  const core: Collector | null = collector?.collector ?? options.collector ?? null;
  if (core !== null) {
    events.onActivate('gc', () => {
      core.hook = (event) => events.emit('gc', event);
      return () => {
        core.hook = undefined;
      };
    });
  }
  return { profile: options.profile, obmalloc, heap, collector, events };
}
