/**
 * What the object heap publishes while it runs, through its one optional hook
 * (`heap.hook`); with no hook set nothing is built.
 *
 *   object-new      an object came to life (from the allocator, or reused from a free list)
 *   object-free     an object's memory went back to the allocator
 *   object-park     a dead object was kept on a free list instead of being freed
 *   object-track    the object joined the GC's lists (`_PyObject_GC_TRACK`)
 *   object-untrack  it left them (`PyObject_GC_UnTrack`)
 *   memory-call     one allocator call the object layer made: domain, call, size, result
 *
 * Reference-count changes come through a second hook of their own (`heap.refcountHook`),
 * set only by whoever asks for them, since they outnumber every other event:
 *
 *   object-incref   Py_INCREF of a mortal object: its count after the change
 *   object-decref   Py_DECREF of a mortal object: its count after the change (0: it dies
 *                   next, and its object-free or object-park follows)
 *
 * Immortal objects (3.12+) and 3.11's statically allocated ones under their immortal
 * bit publish nothing: their count does not change.
 */
import type { ObjectType } from './types.ts';

/** Allocator domain of a request (PEP 445): `PyObject_*` or `PyMem_*`; both are pymalloc. */
export type MemoryDomain = 'obj' | 'mem';

/** One object-layer event. Handles are the heap's object ids; addresses are numbers. */
export type ObjectEvent =
  | {
      readonly type: 'object-new';
      readonly handle: number;
      readonly objectType: ObjectType;
      readonly address: number;
      /** True when the object came off a free list (no allocator call). */
      readonly reused: boolean;
    }
  | {
      readonly type: 'object-free';
      readonly handle: number;
      readonly objectType: ObjectType;
      readonly address: number;
    }
  | {
      readonly type: 'object-park';
      readonly handle: number;
      readonly objectType: ObjectType;
      readonly address: number;
    }
  | { readonly type: 'object-track'; readonly handle: number }
  | { readonly type: 'object-untrack'; readonly handle: number }
  | {
      readonly type: 'memory-call';
      readonly domain: MemoryDomain;
      readonly call: 'malloc' | 'calloc' | 'realloc' | 'free';
      /** Requested bytes (0 for free). */
      readonly nbytes: number;
      /** The block returned (realloc, malloc, calloc) or released (free). */
      readonly address: number;
      /** realloc only: the block that was resized. */
      readonly previous: number;
    };

/** Receives every {@link ObjectEvent} synchronously, in the order CPython would act. */
export type ObjectListener = (event: ObjectEvent) => void;

/** One reference-count change of a mortal object (see the module comment). */
export type RefcountEvent = {
  readonly type: 'object-incref' | 'object-decref';
  readonly handle: number;
  /** `ob_refcnt` after the change. */
  readonly refcnt: number;
};

/** Receives every {@link RefcountEvent} synchronously, in order. */
export type RefcountListener = (event: RefcountEvent) => void;
