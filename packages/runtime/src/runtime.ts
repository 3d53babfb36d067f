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
 * not have one, since creating CPython's cached objects allocates.
 * A collector (`@pymem/gc`) is passed in built (`collector`): the runtime only fans its
 * events out. The runtime owns each layer's fast hook: nothing else may set
 * `obmalloc.hook`, `heap.hook`, `heap.refcountHook` or `collector.hook`.
 * A layer's hook is installed only while its channel has subscribers, so a runtime
 * nobody listens to runs each layer at full speed.
 */

import type { Collector, GcEvent } from '@pymem/gc';
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
  /** The collector's events (only with a `collector`). */
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
  /** A cycle collector whose events the bus carries on `gc` (its hook becomes the runtime's). */
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
  /** The collector passed in, or null. Its `hook` belongs to the runtime. */
  readonly collector: Collector | null;
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
  const heap = options.objects ? new Heap({ profile: options.profile, obmalloc }) : null;
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
  const collector = options.collector ?? null;
  if (collector !== null) {
    events.onActivate('gc', () => {
      collector.hook = (event) => events.emit('gc', event);
      return () => {
        collector.hook = undefined;
      };
    });
  }
  return { profile: options.profile, obmalloc, heap, collector, events };
}
