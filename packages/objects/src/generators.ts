/**
 * Generators and coroutines: calling a generator function, resuming it, exhausting
 * or closing it, `gi_frame`, and what dies with it.
 *
 *   3.8–3.10  gen block ─► [PyGC_Head][refcnt][type][gi_frame ─► frame object]
 *                          [gi_running (3.8/3.9)][code, weakrefs, name, qualname]
 *                          [gi_exc_state: 4 words]          (+ cr_origin: coroutines)
 *             112 / 104 bytes (3.8–3.9 / 3.10), 120 / 112 for coroutines
 *   3.11+     gen block ─► [PyGC_Head][_PyGenObject_HEAD][gi_iframe: frame specials +
 *                          nlocalsplus + stacksize slots]  — the frame lives inside,
 *             so sys.getsizeof grows with the code (168 + 8·slots on 3.11, 160 + 8·slots
 *             on 3.12/3.13, 168 + 8·slots on 3.14 from source; 84 + 4·slots on wasm32)
 *
 * Life: call ─► created ─next─► suspended ⇄ next ─► completed (exhausted or closed).
 * Calling: 3.8–3.10 the frame object first (frameobject.ts' three sources), then its
 * cells, then the generator (PyGen_NewWithQualName), which steals the frame; 3.11+ the
 * frame's cells on the thread's frame, then the generator block (make_gen), into which
 * the frame is copied (RETURN_GENERATOR). On completion 3.8–3.10 drop gi_frame (the
 * frame object dies unless held: to the zombie or free list), 3.11+ clear the embedded
 * frame (a referenced frame object takes its slots over). A generator that dies
 * suspended is closed first (gen_dealloc → _PyGen_Finalize → gen_close): its frame
 * completes the same way, with the transient GeneratorExit objects of closeGenerator.
 *
 * Invariants: a generator's frame record names it (`generator`); a completed record
 * holds no slots and no frame object; 3.8–3.10: gi_frame is 0 exactly when completed.
 * Models gen_new_with_qualname / make_gen, gen_send_ex, gen_getframe, gen_dealloc and
 * gen_traverse (Objects/genobject.c) and RETURN_GENERATOR (Python/bytecodes.c),
 * 3.8–3.14; measured as frames.ts says.
 */
import { newException, newTraceback, setTraceback, tracebackFor } from './exceptions.ts';
import {
  allocateFrameObject,
  CO_COROUTINE,
  CO_GENERATOR,
  type CodeObject,
  clearFrame,
  frameObjectFor,
  frameSize,
  frameSlots,
  type InterpreterFrame,
  inClearOrder,
  interpreterFrameSpecials,
  makeCells,
  materialiseFrameObject,
  newFrameRecord,
} from './frames.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** What a generator or coroutine holds. */
export interface GeneratorData {
  /** Its frame (3.8–3.10: the frame object's; null once gi_frame was dropped). */
  frame: InterpreterFrame | null;
}

/** The data of a generator or coroutine. */
export function generatorData(heap: HeapCore, g: ObjectHandle): GeneratorData {
  return heap.table.payload[g] as GeneratorData;
}

/** `sys.getsizeof` of a generator or coroutine (= its request). */
export function generatorSizeof(heap: HeapCore, g: ObjectHandle): number {
  const type = heap.typeName(g) === 'coroutine' ? 'coroutine' : 'generator';
  const frame = generatorData(heap, g).frame;
  return generatorBlockBytes(heap, type, frame === null ? 0 : frameSlots(frame.code));
}

/**
 * The generator block: 3.8–3.10 a fixed PyGenObject (PyCoroObject: one more word,
 * cr_origin); 3.11+ the head and a frame of `slots` slots (coroutines alike).
 */
function generatorBlockBytes(
  heap: HeapCore,
  type: 'generator' | 'coroutine',
  slots: number,
): number {
  const { minor, pointerSize: w } = heap.layout;
  if (minor < 11)
    return heap.gcRequest((minor < 10 ? 12 : 11) * w + (type === 'coroutine' ? w : 0));
  const alignW = (n: number): number => Math.ceil(n / w) * w;
  // header, (3.11 gi_code,) weakrefs, name, qualname, exc_state (2 words),
  // origin_or_finalizer, four one-byte fields.
  const head = alignW((minor === 11 ? 9 : 8) * w + 4);
  return heap.gcRequest(head + interpreterFrameSpecials(minor, w) + w * slots);
}

/** Calls a generator or coroutine function: the new generator (tracked); `args` are new references taken. */
export function callGenerator(
  heap: HeapCore,
  code: CodeObject,
  args: readonly ObjectHandle[],
): ObjectHandle {
  if ((code.flags & (CO_GENERATOR | CO_COROUTINE)) === 0)
    throw new HeapError('wrong-type', 'the code is neither a generator nor a coroutine');
  const type = code.flags & CO_COROUTINE ? 'coroutine' : 'generator';
  if (heap.layout.minor < 11) {
    const frame = newFrameRecord(heap, code, args, 'frame-object');
    const f = allocateFrameObject(heap, frame);
    makeCells(heap, frame);
    const g = heap.allocObject(type, heap.objMalloc(generatorBlockBytes(heap, type, 0)));
    heap.table.external[f]!--; // gi_frame steals the frame
    frame.generator = g;
    frame.state = 'created';
    heap.table.payload[g] = { frame } satisfies GeneratorData;
    heap.track(g);
    heap.track(f);
    return g;
  }
  // The thread's frame holds the arguments and cells only until RETURN_GENERATOR
  // copies it into the generator: the model gives them to the generator at once.
  // The call's frame is pushed on the data stack, copied into the generator by
  // RETURN_GENERATOR and popped again (a chunk may come and go).
  const frame = newFrameRecord(heap, code, args, 'generator');
  heap.dataStack!.push(frameSize(heap, code));
  makeCells(heap, frame);
  const g = heap.allocObject(
    type,
    heap.objMalloc(generatorBlockBytes(heap, type, frameSlots(code))),
  );
  frame.generator = g;
  frame.state = 'created';
  heap.table.payload[g] = { frame } satisfies GeneratorData;
  heap.track(g);
  heap.dataStack!.pop();
  return g;
}

/** The generator's frame while it can still run (null once completed). */
function runnableFrame(heap: HeapCore, g: ObjectHandle): InterpreterFrame | null {
  const frame = generatorData(heap, g).frame;
  return frame === null || frame.state === 'completed' ? null : frame;
}

/**
 * `next(g)`: the body runs to its next `yield yielded` (a new reference to `yielded`
 * is returned) or, with `yielded` 0, returns: the generator completes and 0 is
 * returned (StopIteration). A completed generator returns 0 and changes nothing.
 */
export function generatorNext(
  heap: HeapCore,
  g: ObjectHandle,
  yielded: ObjectHandle,
): ObjectHandle {
  const frame = runnableFrame(heap, g);
  if (frame === null) return 0;
  if (yielded !== 0) {
    heap.check(yielded);
    frame.state = 'suspended';
    return heap.share(yielded);
  }
  completeGenerator(heap, g, frame);
  return 0;
}

/**
 * `next(g)` whose body raises `e` (the caller's reference is taken): a traceback for
 * the generator's frame, the generator completes (its frame object, held by the
 * traceback, takes the frame over), and `e` is raised in the innermost running call
 * with a traceback for it (catch it with catchException).
 */
export function generatorRaise(heap: HeapCore, g: ObjectHandle, e: ObjectHandle): void {
  heap.expect(e, 'exception');
  const frame = runnableFrame(heap, g);
  if (frame === null) throw new HeapError('dead-object', `generator ${g} has completed`);
  if (heap.raised !== 0) throw new HeapError('unsupported', 'an exception is already being raised');
  const caller = heap.callStack.at(-1);
  if (caller === undefined) throw new HeapError('invalid-argument', 'no call is running');
  tracebackFor(heap, e, frame);
  completeGenerator(heap, g, frame);
  heap.raised = e;
  tracebackFor(heap, e, caller);
}

/** `g.close()` (also what dealloc does to a suspended generator). */
export function generatorClose(heap: HeapCore, g: ObjectHandle): void {
  const frame = runnableFrame(heap, g);
  if (frame !== null) closeGenerator(heap, g, frame);
}

/**
 * gen_close of a generator that has not completed, per version (bodies without
 * try/with/finally around their yields, so GeneratorExit is never caught):
 *   3.8–3.11  GeneratorExit is thrown into the frame: a traceback for its frame
 *             (3.11: the frame object made for it), the frame completes (3.11: the
 *             frame object, held by the traceback, takes it over), then the error is
 *             cleared, freeing the traceback;
 *   3.12      a never-started generator is only marked completed (its frame keeps its
 *             slots until gen_dealloc); otherwise as above, the GeneratorExit
 *             instance made first and holding the traceback;
 *   3.13+     as 3.12 for a never-started one; one suspended at a plain yield has its
 *             locals cleared and is marked completed: nothing is allocated.
 * Measured on 3.8.18–3.13.0 (allocator call sequences) and Pyodide 3.14.2. When the
 * generator dies inside another container's deallocation, the model's explicit
 * dealloc stack frees these transient objects after the generator, not before.
 */
function closeGenerator(heap: HeapCore, g: ObjectHandle, frame: InterpreterFrame): void {
  const minor = heap.layout.minor;
  if (minor >= 12 && frame.state === 'created') {
    frame.state = 'completed';
    return;
  }
  if (minor >= 13) {
    frame.state = 'completed';
    const slots = inClearOrder(
      heap,
      frame.localsplus.filter((o) => o !== 0),
    );
    frame.localsplus.fill(0);
    for (const o of slots) heap.release(o);
    return;
  }
  heap.generatorExitsThrown++;
  const exception = minor >= 12 ? newException(heap, []) : 0;
  const tb = newTraceback(heap, 0, minor < 11 ? frame.frameObject : frameObjectFor(heap, frame));
  if (exception !== 0) setTraceback(heap, exception, tb);
  completeGenerator(heap, g, frame);
  // gen_close: PyErr_Clear of the GeneratorExit.
  const error = exception !== 0 ? exception : tb;
  heap.table.external[error]!--;
  heap.release(error);
}

/** STORE_FAST inside the generator's body: slot `index` holds `value` (0 empties it). */
export function generatorStoreFast(
  heap: HeapCore,
  g: ObjectHandle,
  index: number,
  value: ObjectHandle,
): void {
  const frame = runnableFrame(heap, g);
  if (frame === null) throw new HeapError('dead-object', `generator ${g} has completed`);
  frame.state = 'executing';
  if (!Number.isInteger(index) || index < 0 || index >= frame.code.nlocals)
    throw new HeapError('invalid-argument', `no local ${index} in a code of ${frame.code.nlocals}`);
  if (value !== 0) {
    heap.check(value);
    heap.increment(value);
  }
  const old = frame.localsplus[index]!;
  frame.localsplus[index] = value;
  if (old !== 0) heap.release(old);
}

/** The body returned (or was closed): the frame is given up (see the module comment). */
function completeGenerator(heap: HeapCore, g: ObjectHandle, frame: InterpreterFrame): void {
  if (heap.layout.minor < 11) {
    const f = frame.frameObject;
    frame.state = 'completed';
    frame.generator = 0;
    generatorData(heap, g).frame = null;
    heap.release(f);
    return;
  }
  // 3.12+ clear the frame while it is still linked to the frame that resumed it (so a
  // frame object taking it over gets f_back); 3.11 unlinks it first (measured).
  clearFrame(heap, frame, heap.layout.minor >= 12 ? heap.callStack.at(-1) : undefined);
}

/** `g.gi_frame` / `cr_frame`: a new reference to its frame object (3.11+: made on demand), or None. */
export function generatorFrame(heap: HeapCore, g: ObjectHandle): ObjectHandle {
  const frame = runnableFrame(heap, g);
  if (frame === null) return heap.share(heap.none);
  const f = frame.frameObject === 0 ? materialiseFrameObject(heap, frame) : frame.frameObject;
  return heap.share(f);
}

/** The objects a generator refers to, in gen_traverse order. */
export function generatorReferents(heap: HeapCore, g: ObjectHandle): ObjectHandle[] {
  const frame = generatorData(heap, g).frame;
  if (frame === null) return [];
  if (heap.layout.minor < 11) return [frame.frameObject];
  // 3.11+: whatever the state, a frame the generator still owns holds its references.
  if (frame.owner !== 'generator') return [];
  const out = frame.frameObject === 0 ? [] : [frame.frameObject];
  for (const o of frame.localsplus) if (o !== 0) out.push(o);
  return out;
}

/**
 * gen_dealloc's releases, in order: a suspended generator is closed first. 3.8–3.10:
 * gi_frame. 3.11+: the embedded frame's frame object (which takes the slots over
 * when it is referenced elsewhere), else the frame object and the slots.
 */
export function generatorDeallocOrder(heap: HeapCore, g: ObjectHandle): ObjectHandle[] {
  // _PyGen_Finalize: a generator that has not completed is closed first.
  const running = runnableFrame(heap, g);
  if (running !== null) closeGenerator(heap, g, running);
  const frame = generatorData(heap, g).frame;
  if (frame === null || (frame.owner !== 'generator' && heap.layout.minor >= 11)) return [];
  frame.state = 'completed';
  if (heap.layout.minor < 11) {
    frame.generator = 0;
    generatorData(heap, g).frame = null;
    return [frame.frameObject];
  }
  const f = frame.frameObject;
  if (f !== 0 && heap.table.refcnt[f]! > 1) {
    frame.owner = 'frame-object';
    heap.track(f);
    return [f];
  }
  const out = f === 0 ? [] : [f];
  frame.frameObject = 0;
  for (const o of frame.localsplus) if (o !== 0) out.push(o);
  frame.localsplus.fill(0);
  return out;
}
