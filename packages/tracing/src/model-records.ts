/**
 * Records of the model layers above the allocator, as the trace formats carry them:
 * what the object heap did (`ObjectRecord`) and what the cycle collector did
 * (`CollectorRecord`). They are notes: each sits between the allocator events it
 * happened between (`eventIndex`, `seq`), like a mark.
 *
 *   object records                          text                           .pmt
 *   ──────────────────────────────────────  ─────────────────────────────  ───────────
 *   new      an object came to life          o new <h> <type> <addr> <size>   ext kind 1
 *            …taken back from a free list    o reuse <h> <type> <addr> <size>
 *   free     its block went back             o free <h> <addr>
 *   park     kept on a free list             o park <h> <addr>
 *   track    joined the GC's lists           o track <h>
 *   untrack  left them                       o untrack <h>
 *   incref   Py_INCREF (on request)          o incref <h> <refcnt>
 *   decref   Py_DECREF (on request)          o decref <h> <refcnt>
 *
 *   collector records
 *   scheduled  3.12+: a collection is due    g scheduled <c0> <c1> <c2>       ext kind 2
 *   start      a collection begins           g start <gen> <reason> <c0> <c1> <c2> <s0> <s1> <s2>
 *   phase      one phase, what it touched    g phase <gen> <phase> <n> <h>…
 *   weakref    a weakref callback ran        g weakref <gen> <h> kept|freed
 *   stop       the collection ended          g stop <gen> <collected> <uncollectable>
 *
 * The format layer depends on no model layer, so these types are its own; the runtime
 * maps the objects layer's and the collector's events onto them.
 *
 * Invariants: handles are the heap's object ids (positive integers); addresses are the
 * object's block address (what the allocator returned); `size` is the bytes requested
 * for that block (0 when the block predates the recording); a type name or phase name
 * never contains white space.
 */
import type { NotePosition } from './trace.ts';

/** One thing the object heap did. */
export type ObjectRecord = NotePosition &
  (
    | {
        readonly kind: 'new';
        readonly handle: number;
        /** `type(o).__name__` of the object's C type (e.g. `list`, `instance`). */
        readonly typeName: string;
        /** The object's block. */
        readonly address: number;
        /** Bytes requested for the block. */
        readonly size: number;
        /** True when the object came off a free list (no allocator call). */
        readonly reused: boolean;
      }
    | { readonly kind: 'free' | 'park'; readonly handle: number; readonly address: number }
    | { readonly kind: 'track' | 'untrack'; readonly handle: number }
    | {
        readonly kind: 'incref' | 'decref';
        readonly handle: number;
        /** `ob_refcnt` after the change. */
        readonly refcnt: number;
      }
  );

/** Names of an {@link ObjectRecord}'s kinds, in the order of their `.pmt` codes. */
export type ObjectRecordKind = ObjectRecord['kind'];

/**
 * The collector's phases, in the order CPython runs them (the `.pmt` code of a phase is
 * its index here; new phases are appended).
 */
export const COLLECTOR_PHASES: readonly string[] = [
  'update-refs',
  'immortal-to-permanent',
  'subtract-refs',
  'move-unreachable',
  'untrack-tuples',
  'untrack-dicts',
  'move-legacy-finalizers',
  'handle-weakrefs',
  'finalize-garbage',
  'resurrected',
  'delete-garbage',
  'handle-legacy-finalizers',
  // 3.14.0–3.14.4's incremental collector: roots marked into the visited space, and one
  // increment's share of the old generation.
  'mark-roots',
  'increment',
];

/** Why a collection ran, in the order of their `.pmt` codes. */
export const COLLECTION_REASONS: readonly ['automatic', 'manual'] = ['automatic', 'manual'];

/** `gc.get_count()` or the sizes of the three generations. */
export type GenerationTriple = readonly [number, number, number];

/** One thing the cycle collector did. */
export type CollectorRecord = NotePosition &
  (
    | { readonly kind: 'scheduled'; readonly counts: GenerationTriple }
    | {
        readonly kind: 'start';
        readonly generation: number;
        readonly reason: 'automatic' | 'manual';
        /** `gc.get_count()` when the collection began. */
        readonly counts: GenerationTriple;
        /** Tracked objects in each generation when the collection began. */
        readonly generationSizes: GenerationTriple;
      }
    | {
        readonly kind: 'phase';
        readonly generation: number;
        /** One of {@link COLLECTOR_PHASES}. */
        readonly phase: string;
        /** Handles the phase touched, in the order it touched them. */
        readonly objects: readonly number[];
      }
    | {
        readonly kind: 'weakref';
        readonly generation: number;
        /** The weakref whose callback ran. */
        readonly handle: number;
        /** The weakref was freed once its callback returned. */
        readonly freed: boolean;
      }
    | {
        readonly kind: 'stop';
        readonly generation: number;
        readonly collected: number;
        readonly uncollectable: number;
      }
  );
