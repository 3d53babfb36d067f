/**
 * One modelled interpreter: the memory layers of a CPython version profile, composed
 * and wired to one event bus.
 *
 *          ┌──────────── Runtime (profile 3.x) ────────────┐
 *          │  obmalloc ── hook ──► events: 'obmalloc'      │
 *          │  (objects, gc: their channels join when the   │
 *          │   layers land; each keeps one fast hook)      │
 *          └───────────────────────────────────────────────┘
 *
 * The runtime owns each layer's fast hook: nothing else may set `obmalloc.hook`.
 * A layer's hook is installed only while its channel has subscribers, so a runtime
 * nobody listens to runs each layer at full speed.
 */
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
 * `obmalloc`: every pymalloc decision (see `ObmallocEvent`).
 */
export interface RuntimeEvents {
  /** pymalloc's decisions: blocks, pools, arenas, raw fallbacks. */
  readonly obmalloc: ObmallocEvent;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** The CPython version profile to model. */
  readonly profile: ProfileName;
  /** Where arenas come from (a recording's addresses, or the deterministic model). */
  readonly arenaAllocator?: ArenaAllocator;
  /** Where requests pymalloc declines go. */
  readonly rawAllocator?: RawAllocator;
}

/** One modelled interpreter's memory layers and its event bus. */
export interface Runtime {
  /** The profile modelled. */
  readonly profile: ProfileName;
  /** pymalloc. Its `hook` belongs to the runtime: subscribe to `events` instead. */
  readonly obmalloc: Obmalloc;
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
  return { profile: options.profile, obmalloc, events };
}
