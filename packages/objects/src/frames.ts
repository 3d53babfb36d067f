/**
 * Code shapes, execution frames and frame objects, per version.
 *
 * A code object is described by its counts only (`CodeShape`); it is pre-existing
 * (made by the compiler), so frames do not count references to it. What a call
 * needs is one frame: its "fast" slots (locals, cells, free variables) and its value
 * stack. Where that frame lives changed in 3.11:
 *
 *   3.8–3.10  the frame IS a heap object, PyFrameObject:
 *             block ─► [PyGC_Head][ob_refcnt][ob_type][ob_size][f_back][f_code] …
 *                      [f_blockstack × 20][f_localsplus: nlocals+ncells+nfrees+stacksize]
 *             (requested: GC header + sizeof(PyFrameObject) + one word per slot)
 *             obtained, in order of preference, from the code's zombie frame, the frame
 *             free list (200; resized by realloc when too small) or PyObject_GC_NewVar;
 *             on death it becomes the code's zombie if that is empty, else goes to the
 *             free list, else is freed (frame_dealloc).
 *   3.11+     the frame is a _PyInterpreterFrame on the thread's data stack (outside
 *             pymalloc) or inside a generator; a PyFrameObject is only materialised
 *             on demand (sys._getframe, gi_frame, a traceback, f_back):
 *             block ─► [PyGC_Head][PyFrameObject head][_f_frame_data: frame specials +
 *                      nlocalsplus + stacksize slots]
 *             The frame object points at the live frame (and the frame at it: a strong
 *             reference); when the frame is cleared while the frame object is still
 *             referenced elsewhere, the frame object takes ownership: the slots and
 *             their references are copied into its own _f_frame_data (no allocation).
 *
 * The model keeps one `InterpreterFrame` record per frame. Its `owner` says who holds
 * the references in its slots: on 3.8–3.10 always the frame object; on 3.11+ the
 * thread (a running call), a generator, or the frame object after take_ownership.
 *
 * States of a record:  (created, generators only) ─► executing ⇄ suspended ─► completed
 *
 * Invariants:
 *   1. A record's slots are counted references of exactly one holder: its owner.
 *   2. 3.8–3.10: `frameObject` is never 0; a live frame object's ob_size (`allocated`)
 *      ≥ its code's extras, and its block is GC header + basic + ob_size words.
 *   3. 3.11+: the frame object a record points to (frame_obj) is a counted reference
 *      of the record's owner unless the frame object owns the record.
 *   4. References the running thread holds (the eval loop's frame, a thread-owned
 *      record's slots) are counted as `external` references of the heap.
 * A 3.11+ call also pushes its frame on the thread's data stack (data-stack.ts).
 * f_back of a 3.11+ frame object is set only where take_ownership sets it (the
 * frame is still linked to its caller, whose frame object is then made); frame
 * objects do not otherwise link to their callers.
 * Not modelled: f_locals dicts, f_trace, cells that are also arguments, free
 * variables' cells (their slots stay empty), the value stack's contents.
 * Models _PyFrame_New_NoTrack, frame_dealloc, frame_traverse, frame_tp_clear and
 * frame_sizeof (Objects/frameobject.c 3.8–3.10), _PyFrame_MakeAndSetFrameObject,
 * take_ownership and _PyFrame_ClearExceptCode (Python/frame.c 3.11–3.14). Sizes,
 * allocator call sequences, tracking and refcounts measured on 3.8.18–3.13.0 (64-bit)
 * and Pyodide 3.14.2 (wasm32: sizes, surviving blocks, tracking, refcounts); 64-bit
 * 3.14 and 32-bit 3.8–3.13 from the struct definitions only.
 */

import { newCell } from './functions.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** `co_flags` bit of a generator function (CO_GENERATOR). */
export const CO_GENERATOR = 0x20;
/** `co_flags` bit of an `async def` function (CO_COROUTINE). */
export const CO_COROUTINE = 0x80;

/** The counts of a code object that decide a frame's size. */
export interface CodeShape {
  /** `co_nlocals`: arguments and local variables. */
  readonly nlocals: number;
  /** `len(co_cellvars)` (cells that are also arguments are not modelled). */
  readonly ncells: number;
  /** `len(co_freevars)`. */
  readonly nfrees: number;
  /** `co_stacksize`. */
  readonly stacksize: number;
  /** `co_flags` (CO_GENERATOR, CO_COROUTINE matter here). */
  readonly flags: number;
}

/** A pre-existing code object: its shape and, on 3.8–3.10, its zombie frame. */
export interface CodeObject extends CodeShape {
  /** `co_zombieframe` (3.8–3.10): a parked frame object kept for the next call, or 0. */
  zombie: ObjectHandle;
}

/** Where a frame is in its life. */
export type FrameState = 'created' | 'executing' | 'suspended' | 'completed';

/** Who holds the references in a frame's slots. */
export type FrameOwner = 'thread' | 'generator' | 'frame-object';

/** One execution frame (a PyFrameObject's contents on 3.8–3.10, a _PyInterpreterFrame on 3.11+). */
export interface InterpreterFrame {
  /** The code it runs. */
  readonly code: CodeObject;
  /** Fast slots: locals, then cells, then free variables (0: empty). */
  readonly localsplus: ObjectHandle[];
  /** Who holds the slots' references (see the module comment). */
  owner: FrameOwner;
  /** The frame object (3.8–3.10: always; 3.11+: once materialised, else 0). */
  frameObject: ObjectHandle;
  /** The generator whose frame this is (borrowed), or 0. */
  generator: ObjectHandle;
  /** Where it is in its life. */
  state: FrameState;
}

/** What a frame object holds. */
export interface FrameObjectData {
  /** Its frame. */
  readonly frame: InterpreterFrame;
  /** `f_back`: a counted reference to the caller's frame object, or 0. */
  back: ObjectHandle;
}

/** Creates a code object of `shape` (pre-existing: no allocation). */
export function newCode(shape: CodeShape): CodeObject {
  for (const [name, n] of Object.entries(shape)) {
    if (!Number.isInteger(n) || n < 0)
      throw new HeapError('invalid-argument', `code ${name} must be a whole number ≥ 0, got ${n}`);
  }
  return { ...shape, zombie: 0 };
}

/** Fast slots of a frame: `co_nlocals + ncells + nfrees` (3.11+: co_nlocalsplus). */
export function fastSlots(code: CodeShape): number {
  return code.nlocals + code.ncells + code.nfrees;
}

/** Pointer slots a frame of `code` needs: fast slots plus the value stack. */
export function frameSlots(code: CodeShape): number {
  return fastSlots(code) + code.stacksize;
}

/**
 * `PyFrame_Type.tp_basicsize` (without the GC header): 3.8–3.10 `sizeof(PyFrameObject)`,
 * whose 20-entry block stack is followed by `f_localsplus[1]` — so a frame's request
 * is one word more than its sys.getsizeof (measured: 432 against 424 on 3.8); 3.11+
 * the PyFrameObject head plus the _PyInterpreterFrame specials it embeds (no slot).
 */
export function frameBasic(heap: HeapCore): number {
  const { minor, pointerSize: w } = heap.layout;
  const alignW = (n: number): number => Math.ceil(n / w) * w;
  const blockStack = 20 * 12; // CO_MAXBLOCKS PyTryBlocks of three ints
  if (minor < 10) {
    // ob_size, f_back, f_code, f_builtins, f_globals, f_locals, f_valuestack,
    // f_stacktop, f_trace; two chars; f_gen; f_lasti, f_lineno, f_iblock, f_executing.
    return 3 * w + 8 * w + w + w + alignW(13) + blockStack + w;
  }
  if (minor === 10) {
    // ob_size, f_back, f_code, f_builtins, f_globals, f_locals, f_valuestack, f_trace;
    // f_stackdepth and two chars; f_gen; f_lasti, f_lineno, f_iblock, f_state.
    return 3 * w + 7 * w + alignW(6) + w + alignW(13) + blockStack + w;
  }
  return frameObjectHead(minor, w) + interpreterFrameSpecials(minor, w);
}

/** `offsetof(PyFrameObject, _f_frame_data)` (3.11+). */
function frameObjectHead(minor: number, w: number): number {
  const alignW = (n: number): number => Math.ceil(n / w) * w;
  // header, f_back, f_frame, f_trace; f_lineno and two or three chars;
  // 3.13 f_extra_locals, f_locals_cache; 3.14 f_overwritten_fast_locals.
  const extra = minor >= 14 ? 3 : minor === 13 ? 2 : 0;
  return 5 * w + alignW(minor < 13 ? 7 : 6) + extra * w;
}

/** `offsetof(_PyInterpreterFrame, localsplus)` (3.11+). */
export function interpreterFrameSpecials(minor: number, w: number): number {
  const alignW = (n: number): number => Math.ceil(n / w) * w;
  // Eight pointers and a stacktop int, a return offset and/or owner and entry bytes;
  // 3.14: nine pointers (stackpointer replaces stacktop) and three small fields.
  if (minor >= 14) return alignW(9 * w + 4);
  return alignW(8 * w + (minor === 11 ? 6 : 7));
}

/** The record of a frame object. */
export function frameObjectData(heap: HeapCore, f: ObjectHandle): FrameObjectData {
  return heap.table.payload[f] as FrameObjectData;
}

/**
 * `sys.getsizeof` of a frame object: GC header, basic size and its code's slots
 * (3.8–3.10 frame_sizeof counts the struct's own `f_localsplus[1]` as the first slot).
 */
export function frameSizeof(heap: HeapCore, f: ObjectHandle): number {
  const code = frameObjectData(heap, f).frame.code;
  const slots = frameSlots(code) - (heap.layout.minor < 11 ? 1 : 0);
  return heap.layout.gcHeader + frameBasic(heap) + heap.layout.pointerSize * slots;
}

/** A new frame record for a call of `code` (args: new references, taken by `owner`). */
export function newFrameRecord(
  heap: HeapCore,
  code: CodeObject,
  args: readonly ObjectHandle[],
  owner: FrameOwner,
): InterpreterFrame {
  if (args.length > code.nlocals) {
    throw new HeapError(
      'invalid-argument',
      `a code with ${code.nlocals} locals cannot take ${args.length} arguments`,
    );
  }
  for (const a of args) if (a !== 0) heap.check(a);
  const localsplus: ObjectHandle[] = new Array(fastSlots(code)).fill(0);
  args.forEach((a, i) => {
    if (a === 0) return;
    localsplus[i] = a;
    heap.increment(a);
  });
  return { code, localsplus, owner, frameObject: 0, generator: 0, state: 'executing' };
}

/**
 * The cells of a new frame (3.8–3.10 frame setup; MAKE_CELL before RETURN_GENERATOR
 * or the first RESUME on 3.11+): one empty cell per cell variable, held by the slot.
 */
export function makeCells(heap: HeapCore, frame: InterpreterFrame): void {
  const { nlocals, ncells } = frame.code;
  for (let i = 0; i < ncells; i++) {
    const cell = newCell(heap);
    heap.table.external[cell]!--;
    frame.localsplus[nlocals + i] = cell;
  }
}

/**
 * 3.8–3.10 `_PyFrame_New_NoTrack`: the frame object for `frame`, from the code's
 * zombie, the free list (resized when its ob_size is below the code's extras) or a
 * new block. Returns it with one external reference (the caller's).
 */
export function allocateFrameObject(heap: HeapCore, frame: InterpreterFrame): ObjectHandle {
  const code = frame.code;
  const extras = frameSlots(code);
  const t = heap.table;
  let f: ObjectHandle;
  if (code.zombie !== 0) {
    // The zombie keeps its ob_size (it may be a larger frame the code got from the free list).
    const size = t.allocated[code.zombie]!;
    f = heap.revive(code.zombie);
    code.zombie = 0;
    t.allocated[f] = size;
  } else {
    const parked = heap.freeLists.frame.pop();
    if (parked !== undefined) {
      const size = t.allocated[parked]!;
      f = heap.revive(parked);
      t.allocated[f] = size;
      if (size < extras) {
        // PyObject_GC_Resize: realloc of the whole block, GC header included.
        t.address[f] = heap.memCall('realloc', t.address[f]!, frameBlockBytes(heap, extras), 'obj');
        t.allocated[f] = extras;
      }
    } else {
      f = heap.allocObject('frame', heap.objMalloc(frameBlockBytes(heap, extras)));
      t.allocated[f] = extras;
    }
  }
  t.payload[f] = { frame, back: 0 } satisfies FrameObjectData;
  frame.frameObject = f;
  return f;
}

/** 3.11+ `_PyFrame_MakeAndSetFrameObject`: a frame object for a live frame (not tracked). */
export function materialiseFrameObject(heap: HeapCore, frame: InterpreterFrame): ObjectHandle {
  const f = heap.allocObject(
    'frame',
    heap.objMalloc(frameBlockBytes(heap, frameSlots(frame.code))),
  );
  heap.table.allocated[f] = frameSlots(frame.code);
  heap.table.payload[f] = { frame, back: 0 } satisfies FrameObjectData;
  // The new object's one reference is the frame's frame_obj pointer, held by the
  // frame's owner: external while a thread owns it (invariant 4).
  frame.frameObject = f;
  if (frame.owner !== 'thread') heap.table.external[f]!--;
  return f;
}

/** Bytes of a frame object's block with `slots` pointer slots. */
export function frameBlockBytes(heap: HeapCore, slots: number): number {
  return heap.gcRequest(frameBasic(heap) + heap.layout.pointerSize * slots);
}

/** Drops one reference to `o` that `frame`'s owner held. */
export function releaseByOwner(heap: HeapCore, frame: InterpreterFrame, o: ObjectHandle): void {
  if (frame.owner === 'thread') heap.table.external[o]!--;
  heap.release(o);
}

/**
 * 3.11+ `_PyFrame_ClearExceptCode` for a frame leaving its thread or generator: a
 * frame object still referenced elsewhere takes the slots over (take_ownership) and,
 * when the frame is still linked to a `caller`, gets f_back = the caller's frame
 * object (made on demand); otherwise the frame object is released and then each
 * slot, in order.
 */
export function clearFrame(
  heap: HeapCore,
  frame: InterpreterFrame,
  caller: InterpreterFrame | undefined,
): void {
  frame.state = 'completed';
  const f = frame.frameObject;
  if (f !== 0) {
    if (heap.table.refcnt[f]! > 1) {
      if (caller !== undefined) {
        const back = frameObjectFor(heap, caller);
        frameObjectData(heap, f).back = back;
        heap.increment(back);
      }
      const previous = frame.owner;
      // The slots' references move to the frame object as they are (no count changes);
      // the external counts of a thread's references become the frame object's.
      if (previous === 'thread')
        for (const o of frame.localsplus) if (o !== 0) heap.table.external[o]!--;
      frame.owner = 'frame-object';
      heap.track(f);
      if (previous === 'thread') heap.table.external[f]!--;
      heap.release(f);
      return;
    }
    frame.frameObject = 0;
    releaseByOwner(heap, frame, f);
  }
  const slots = inClearOrder(heap, frame.localsplus.splice(0));
  frame.localsplus.push(...new Array(slots.length).fill(0));
  for (const o of slots) if (o !== 0) releaseByOwner(heap, frame, o);
}

/**
 * A frame's slots in the order clearing releases them: 3.8–3.13 first slot first
 * (frame_dealloc, _PyFrame_ClearLocals, frame_tp_clear); 3.14 from the top of the
 * stack down (the same functions walk the stack pointer back to the locals).
 */
export function inClearOrder(heap: HeapCore, slots: ObjectHandle[]): ObjectHandle[] {
  return heap.layout.minor >= 14 ? slots.reverse() : slots;
}

/** The objects a frame object refers to, in frame_traverse order (f_back, then slots). */
export function frameReferents(heap: HeapCore, f: ObjectHandle): ObjectHandle[] {
  const data = frameObjectData(heap, f);
  const out: ObjectHandle[] = data.back === 0 ? [] : [data.back];
  if (data.frame.owner === 'frame-object')
    for (const o of data.frame.localsplus) if (o !== 0) out.push(o);
  return out;
}

/** What a dying frame object releases, in frame_dealloc's order: its slots, then f_back. */
export function frameDeallocOrder(heap: HeapCore, f: ObjectHandle): ObjectHandle[] {
  const data = frameObjectData(heap, f);
  const out: ObjectHandle[] = [];
  if (data.frame.owner === 'frame-object') {
    for (const o of inClearOrder(heap, [...data.frame.localsplus])) if (o !== 0) out.push(o);
    data.frame.localsplus.fill(0);
  }
  if (data.back !== 0) out.push(data.back);
  data.back = 0;
  return out;
}

/** frame_tp_clear: the slots a frame object owns are dropped, in order. */
export function clearFrameObject(heap: HeapCore, f: ObjectHandle): void {
  const frame = frameObjectData(heap, f).frame;
  if (frame.owner !== 'frame-object') return;
  const drop = inClearOrder(
    heap,
    frame.localsplus.filter((o) => o !== 0),
  );
  frame.localsplus.fill(0);
  for (const o of drop) heap.release(o);
}

/**
 * The end of frame_dealloc: 3.8–3.10 the frame becomes its code's zombie, or goes
 * on the free list, or is freed; 3.11+ it is freed.
 */
export function finishFrameObject(heap: HeapCore, f: ObjectHandle): void {
  const code = frameObjectData(heap, f).frame.code;
  if (heap.layout.minor >= 11) {
    heap.freeObject(f);
    return;
  }
  const size = heap.table.allocated[f]!;
  if (code.zombie === 0) {
    // Parked outside the free list: the code holds it.
    heap.park(f, []);
    code.zombie = f;
  } else if (heap.freeLists.frame.length < heap.constants.frameFreeList) {
    heap.park(f, heap.freeLists.frame);
  } else {
    heap.freeObject(f);
    return;
  }
  heap.table.allocated[f] = size;
}

/**
 * A call of `code` (a plain function) on the running thread: 3.8–3.10 a frame object
 * (tracked, f_back = the caller's frame object), 3.11+ a frame on the data stack
 * (no allocation). `args` are new references taken by the frame.
 */
export function callFunction(
  heap: HeapCore,
  code: CodeObject,
  args: readonly ObjectHandle[],
): void {
  if (heap.layout.minor < 11) {
    const frame = newFrameRecord(heap, code, args, 'frame-object');
    const f = allocateFrameObject(heap, frame);
    makeCells(heap, frame);
    const caller = heap.callStack.at(-1);
    if (caller !== undefined) {
      frameObjectData(heap, f).back = caller.frameObject;
      heap.increment(caller.frameObject);
    }
    heap.track(f);
    heap.callStack.push(frame);
    return;
  }
  const frame = newFrameRecord(heap, code, args, 'thread');
  heap.dataStack!.push(frameSize(heap, code));
  makeCells(heap, frame);
  for (const o of frame.localsplus) if (o !== 0) heap.table.external[o]!++;
  heap.callStack.push(frame);
}

/** 3.11+ `co_framesize` in words: the frame specials plus the slots. */
export function frameSize(heap: HeapCore, code: CodeShape): number {
  const { minor, pointerSize: w } = heap.layout;
  return interpreterFrameSpecials(minor, w) / w + frameSlots(code);
}

/** `sys._getframe()`: a new reference to the running call's frame object (3.11+: made on demand). */
export function getFrame(heap: HeapCore): ObjectHandle {
  const frame = heap.callStack.at(-1);
  if (frame === undefined) throw new HeapError('invalid-argument', 'no call is running');
  const f = frame.frameObject === 0 ? materialiseFrameObject(heap, frame) : frame.frameObject;
  return heap.share(f);
}

/**
 * The running call returns: 3.8–3.10 the eval loop drops its frame object (it dies
 * unless referenced: to the zombie, the free list or free); 3.11+ the frame is cleared
 * (a referenced frame object takes it over and links f_back to the caller's frame
 * object, made on demand).
 */
export function returnFromFunction(heap: HeapCore): void {
  const frame = heap.callStack.pop();
  if (frame === undefined) throw new HeapError('invalid-argument', 'no call is running');
  frame.state = 'completed';
  if (heap.layout.minor < 11) {
    const f = frame.frameObject;
    heap.table.external[f]!--;
    heap.release(f);
    return;
  }
  clearFrame(heap, frame, heap.callStack.at(-1));
  heap.dataStack!.pop();
}

/** The frame object of `frame`, made on demand (3.11+ `_PyFrame_GetFrameObject`; a borrowed reference). */
export function frameObjectFor(heap: HeapCore, frame: InterpreterFrame): ObjectHandle {
  return frame.frameObject === 0 ? materialiseFrameObject(heap, frame) : frame.frameObject;
}

/** STORE_FAST in the innermost running call: local `index` holds `value` (0 empties it). */
export function storeFast(heap: HeapCore, index: number, value: ObjectHandle): void {
  const frame = heap.callStack.at(-1);
  if (frame === undefined) throw new HeapError('invalid-argument', 'no call is running');
  if (!Number.isInteger(index) || index < 0 || index >= frame.code.nlocals)
    throw new HeapError('invalid-argument', `no local ${index} in a code of ${frame.code.nlocals}`);
  if (value !== 0) {
    heap.check(value);
    if (frame.owner === 'thread') heap.table.external[value]!++;
    heap.increment(value);
  }
  const old = frame.localsplus[index]!;
  frame.localsplus[index] = value;
  if (old !== 0) releaseByOwner(heap, frame, old);
}
