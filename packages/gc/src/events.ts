/**
 * What the collector publishes while it runs: one `gc-start`, then one `gc-phase` per
 * phase in CPython's order with the objects that phase touched, then one `gc-stop`.
 * With no hook installed nothing is built.
 *
 *   gc-scheduled          3.12+: the gen0 threshold was passed; a collection will run
 *                         at the next eval-breaker check (`_Py_ScheduleGC`)
 *   gc-start              a collection of `generation` begins (counts before the reset)
 *   gc-phase              one phase finished; `objects` lists what it touched:
 *     update-refs           every object of the young list (gc_refs := refcount)
 *     immortal-to-permanent 3.12/3.13: immortal objects moved out of young (3.14: untracked)
 *     subtract-refs         every object whose referents were traversed
 *     move-unreachable      the tentatively unreachable objects, in list order
 *     untrack-tuples        tuples untracked by `_PyTuple_MaybeUntrack`
 *     untrack-dicts         dicts untracked by `_PyDict_MaybeUntrack` (full collections, ≤ 3.13)
 *     move-legacy-finalizers objects moved to `finalizers` (tp_del and what they reach)
 *     handle-weakrefs       weakrefs cleared (callbacks: see gc-weakref-callback)
 *     finalize-garbage      objects whose tp_finalize ran
 *     resurrected           objects kept alive after finalization (3.8: the whole set)
 *     delete-garbage        objects whose tp_clear ran (or that DEBUG_SAVEALL kept)
 *     handle-legacy-finalizers objects appended to gc.garbage
 *     mark-roots            3.14.0–3.14.4: objects marked into the visited space from the
 *                           roots (start of a cycle) or the frame stacks (each increment)
 *     increment             3.14.0–3.14.4: the objects an increment collects (young + pending)
 *   gc-weakref-callback   a reachable weakref's callback ran; `freed` if it died as a result
 *   gc-stop               the collection ended: what `collect()` counts
 */

/** Names of the phases, in the order CPython runs them. */
export type GcPhase =
  | 'update-refs'
  | 'immortal-to-permanent'
  | 'subtract-refs'
  | 'move-unreachable'
  | 'untrack-tuples'
  | 'untrack-dicts'
  | 'move-legacy-finalizers'
  | 'handle-weakrefs'
  | 'finalize-garbage'
  | 'resurrected'
  | 'delete-garbage'
  | 'handle-legacy-finalizers'
  | 'mark-roots'
  | 'increment';

/** Why a collection ran. */
export type GcReason = 'automatic' | 'manual';

/** One collector event (see the module comment). */
export type GcEvent =
  | { readonly type: 'gc-scheduled'; readonly counts: readonly [number, number, number] }
  | {
      readonly type: 'gc-start';
      readonly generation: number;
      readonly reason: GcReason;
      /** `gc.get_count()` when the collection began. */
      readonly counts: readonly [number, number, number];
      /** Tracked objects in gen0, gen1, gen2 when the collection began. */
      readonly generationSizes: readonly [number, number, number];
    }
  | {
      readonly type: 'gc-phase';
      readonly generation: number;
      readonly phase: GcPhase;
      /** Ids the phase touched, in the order it touched them. */
      readonly objects: Int32Array;
    }
  | {
      readonly type: 'gc-weakref-callback';
      readonly generation: number;
      readonly weakref: number;
      /** The weakref itself was freed once its callback returned (counts as collected). */
      readonly freed: boolean;
    }
  | {
      readonly type: 'gc-stop';
      readonly generation: number;
      /** Objects freed (`m`, including weakrefs freed by their callbacks). */
      readonly collected: number;
      /** Objects kept because of legacy finalizers (`n`). */
      readonly uncollectable: number;
    };

/** Receives every {@link GcEvent} synchronously, in order. */
export type GcListener = (event: GcEvent) => void;
