/**
 * Running Python generators: each generator object of the heap has a suspended
 * JavaScript generator that runs its compiled body (compile-generators.ts), and the
 * operations that resume it — `next()`, `for`, `send()`, `close()`, `list()`, `sum()`,
 * `yield from`.
 *
 *   generator object g ──► GeneratorRun { body (not started), step (a JS generator),
 *                                         frame: a mirror of g's fast slots }
 *   resume(g, sent):  step.next(sent) ─┬─ yields v  ─► heap.generatorNext(g, v): g suspended
 *                                      └─ returns   ─► heap.generatorNext(g, 0): g completed,
 *                                                      its frame cleared, the return value kept
 *
 * Invariants:
 *   1. g's slots hold the references (gen_traverse sees them, the collector can free a
 *      generator in a cycle); `frame.locals` only mirrors the handles for reading, and
 *      every store goes through heap.generatorStoreFast (storeGeneratorSlot).
 *   2. Between two resumptions the JS generator holds no reference: values that
 *      CPython keeps on the suspended frame's value stack (a `for` loop's iterator, the
 *      iterator of `yield from`) sit in hidden slots after the locals, so a generator
 *      that dies suspended (or is collected) releases everything with its frame.
 *   3. A run that completed or was closed never resumes again. A 3.13 generator closed at
 *      a yield keeps its function slot (and the heap's frame record stays runnable) until
 *      the generator dies, when the heap's dealloc releases it, as gen_dealloc does.
 * Models gen_send_ex, gen_iternext, gen_close and _PyGen_Send (Objects/genobject.c
 * 3.8–3.13) on the heap's generator objects (@pymem/objects generators.ts).
 */
import type { ObjectHandle } from '@pymem/objects';
import { tupleOfItems } from './builtins.ts';
import { callDunder } from './class-dunders.ts';
import { BUILTIN_ITERATORS, instanceIterator, isIterableInstance } from './class-iteration.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { CodeWarmup, Flow, Frame } from './frame.ts';
import { instanceNext, isIteratorInstance } from './instance-next.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';
import { requireKnownSetOrder, strText } from './values.ts';

/** A compiled generator body: yields new references, receives new references. */
export type GeneratorStep = Generator<ObjectHandle, Flow, ObjectHandle>;

/** What a generator's code needs to start runs. */
export interface GeneratorBody {
  /** co_name: the function's name, or `<genexpr>`. */
  readonly name: string;
  /** Fast slots of the model's frame (locals, the function, hidden stack slots). */
  readonly slots: number;
  /** The first hidden stack slot. */
  readonly stackBase: number;
  /** The slot holding the function (3.11+ f_funcobj), or -1. */
  readonly functionSlot: number;
  /** The compiled body. */
  readonly run: (frame: Frame) => GeneratorStep;
  /** 3.11: the code object's warm-up count, one more per resumption (RESUME). */
  warmup?: CodeWarmup;
}

interface GeneratorRun {
  readonly body: GeneratorBody;
  readonly frame: Frame;
  step: GeneratorStep | null;
  running: boolean;
  done: boolean;
}

const runsByMachine = new WeakMap<Machine, Map<ObjectHandle, GeneratorRun>>();

/** Generator frames suspended inside `yield from` (compile-generators.ts sets it). */
export const delegatingFrames: WeakSet<Frame> = new WeakSet();

function runs(m: Machine): Map<ObjectHandle, GeneratorRun> {
  let map = runsByMachine.get(m);
  if (map === undefined) {
    map = new Map();
    runsByMachine.set(m, map);
  }
  return map;
}

function runOf(m: Machine, g: ObjectHandle): GeneratorRun {
  const run = runs(m).get(g);
  if (run === undefined) throw new Unsupported('a generator the program did not make');
  return run;
}

/** Registers the run of a new generator `g`, whose first slots hold `args` (borrowed). */
export function startRun(
  m: Machine,
  g: ObjectHandle,
  body: GeneratorBody,
  args: readonly ObjectHandle[],
  line: number,
): void {
  const locals: ObjectHandle[] = new Array(body.slots).fill(0);
  args.forEach((a, i) => {
    locals[i] = a;
  });
  runs(m).set(g, {
    body,
    frame: { locals, returned: 0, line, generator: g },
    step: null,
    running: false,
    done: false,
  });
}

/** STORE_FAST in a generator's frame: `v` (a new reference, taken) or 0 into `slot`. */
export function storeGeneratorSlot(m: Machine, frame: Frame, slot: number, v: ObjectHandle): void {
  m.heap.generatorStoreFast(frame.generator!, slot, v);
  frame.locals[slot] = v;
  if (v !== 0) m.heap.decref(v);
}

function isNone(m: Machine, v: ObjectHandle): boolean {
  return m.heap.typeOf(v) === 'NoneType';
}

/**
 * Resumes `g` with `sent` (a new reference, taken; 0 for `next()`): a new reference
 * to the value it yields, or 0 once it has returned — its return value is then
 * released, or, when `out` is given, handed over in `out.returned`.
 * @throws PythonError TypeError when a value other than None is sent to a generator
 *   that has not started; whatever the body raises (the generator's frame added to it)
 */
export function resumeGenerator(
  m: Machine,
  g: ObjectHandle,
  sent: ObjectHandle,
  out?: { returned: ObjectHandle },
): ObjectHandle {
  const heap = m.heap;
  const run = runOf(m, g);
  if (run.running) {
    if (sent !== 0) heap.decref(sent);
    throw new Unsupported('resuming a generator that is running (a ValueError)');
  }
  if (run.done) {
    if (sent !== 0) heap.decref(sent);
    if (out !== undefined) out.returned = heap.newNone();
    return 0;
  }
  if (run.step === null && sent !== 0) {
    const none = isNone(m, sent);
    heap.decref(sent);
    if (!none)
      throw new PythonError('TypeError', "can't send non-None value to a just-started generator");
    sent = 0;
  }
  let result: IteratorResult<ObjectHandle, Flow>;
  if (run.body.warmup !== undefined) run.body.warmup.count++;
  run.running = true;
  m.depth++;
  try {
    if (run.step === null) {
      run.step = run.body.run(run.frame);
      result = run.step.next();
    } else result = run.step.next(sent === 0 ? heap.newNone() : sent);
  } catch (error) {
    run.done = true;
    if (error instanceof PythonError) {
      error.frames.push({
        position: { line: run.frame.line, column: 0 },
        scope: run.body.name,
        ...(error.location === undefined ? {} : { location: error.location }),
      });
      error.location = undefined;
    }
    throw error;
  } finally {
    run.running = false;
    m.depth--;
  }
  if (!result.done) {
    const yielded = heap.generatorNext(g, result.value);
    heap.decref(result.value);
    return yielded;
  }
  // RETURN_VALUE: the value is held while the frame is cleared.
  run.done = true;
  const returned = run.frame.returned === 0 ? heap.newNone() : run.frame.returned;
  run.frame.returned = 0;
  heap.generatorNext(g, 0);
  if (out !== undefined) out.returned = returned;
  else heap.decref(returned);
  return 0;
}

/**
 * StopIteration for a generator that returned `returned` (taken): `StopIteration: 5`.
 * A value other than None becomes the exception's one argument (its `value`) when the
 * object is made (_PyGen_SetStopIterationValue; 3.8–3.11 set it unnormalised).
 */
export function stopIteration(m: Machine, returned: ObjectHandle): PythonError {
  const heap = m.heap;
  if (isNone(m, returned)) {
    heap.decref(returned);
    return new PythonError('StopIteration', '');
  }
  const err = new PythonError('StopIteration', strText(heap, returned));
  err.argValues = [returned];
  return err;
}

/**
 * `g.close()`. A generator suspended at a yield: 3.8–3.12 throw GeneratorExit into it,
 * and unwinding pops the value stack (top first) before the frame is cleared (the
 * heap's closeGenerator); 3.13 only clears its locals and stack, in slot order
 * (_PyFrame_ClearLocals), and marks it completed: the function (f_funcobj) stays
 * until the generator dies. The model leaves that last slot to the heap's dealloc,
 * which releases it then.
 */
export function closeGenerator(m: Machine, g: ObjectHandle): void {
  const heap = m.heap;
  const run = runOf(m, g);
  if (run.running) throw new Unsupported('closing a generator that is running (a ValueError)');
  if (!run.done && run.step !== null) {
    // gen_close closes the sub-iterator first (gen_close_iter), and 3.13 then throws
    // GeneratorExit in (SEND's handler is a second exception level): not modelled.
    if (delegatingFrames.has(run.frame))
      throw new Unsupported('close() of a generator suspended in yield from');
    const { locals } = run.frame;
    const { slots, stackBase, functionSlot } = run.body;
    if (m.minor >= 13) {
      run.done = true;
      for (let slot = 0; slot < slots; slot++)
        if (slot !== functionSlot && locals[slot] !== 0) storeGeneratorSlot(m, run.frame, slot, 0);
      return;
    }
    for (let slot = slots - 1; slot >= stackBase; slot--)
      if (locals[slot] !== 0) storeGeneratorSlot(m, run.frame, slot, 0);
  }
  run.done = true;
  heap.generatorClose(g);
}

/** Iterables GET_ITER makes a new iterator of (heap.newIterator). */
const GENERATOR_ITERABLES: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'range',
  'str',
  'dict',
  'dict_keys',
  'dict_values',
  'dict_items',
  'set',
  'frozenset',
]);

/** Iterators whose GET_ITER is themselves. */
const SELF_ITERATORS: ReadonlySet<string> = new Set([
  'map',
  'filter',
  'enumerate',
  'zip',
  'list_reverseiterator',
  'reversed',
  'list_iterator',
  'tuple_iterator',
  'str_iterator',
  'range_iterator',
  'dict_keyiterator',
  'dict_valueiterator',
  'dict_itemiterator',
  'set_iterator',
]);

/** GET_ITER in a generator's `for` / a generator expression's argument: a new reference (`seq` taken). */
export function getIterator(m: Machine, seq: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(seq);
  if (t === 'generator') return seq;
  if (isIterableInstance(m, seq)) return instanceIterator(m, seq);
  // An iterator is its own iterator (`seq` is already the new reference).
  if (SELF_ITERATORS.has(t)) return seq;
  if (t === 'set' || t === 'frozenset') {
    try {
      requireKnownSetOrder(heap, seq);
    } catch (error) {
      heap.decref(seq);
      throw error;
    }
  }
  if (GENERATOR_ITERABLES.has(t)) {
    const it = heap.newIterator(seq);
    heap.decref(seq);
    return it;
  }
  const name = heap.typeNameOf(seq);
  heap.decref(seq);
  throw new Unsupported(`iterating a ${name} in a generator`);
}

/**
 * FOR_ITER on an iterator `it` (borrowed): a new reference, or 0 when exhausted (a
 * generator's return value is dropped).
 */
export function iteratorNext(m: Machine, it: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  if (heap.typeOf(it) === 'generator') return resumeGenerator(m, it, 0);
  if (heap.typeOf(it) === 'instance') return instanceNext(m, it);
  return heap.iteratorNext(it);
}

/** `next(g)` / `next(g, default)`: a new reference. @throws PythonError StopIteration */
export function nextBuiltin(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length < 1 || args.length > 2)
    throw new Unsupported(`next() with ${args.length} arguments`);
  const g = args[0]!;
  if (isIteratorInstance(m, g)) {
    // builtin_next: without a default the StopIteration propagates as it is.
    if (args.length === 1) return callDunder(m, g, '__next__', []);
    const v = instanceNext(m, g);
    return v !== 0 ? v : shared(heap, args[1]!);
  }
  // enumerate, zip, reversed and itertools' objects are their own iterators; their
  // next is the heap's.
  const packed = [
    'enumerate',
    'zip',
    'list_reverseiterator',
    'reversed',
    'count',
    'repeat',
    'chain',
    'islice',
    'combinations',
    'product',
    'permutations',
    'zip_longest',
  ];
  if (BUILTIN_ITERATORS.has(heap.typeOf(g)) || packed.includes(heap.typeOf(g))) {
    // builtin_next: the iterator's tp_iternext; exhausted, the default or StopIteration.
    const v = heap.iteratorNext(g);
    if (v !== 0) return v;
    if (args.length === 2) {
      heap.incref(args[1]!);
      return args[1]!;
    }
    throw new PythonError('StopIteration', '');
  }
  if (heap.typeOf(g) !== 'generator') throw new Unsupported(`next() of a ${heap.typeNameOf(g)}`);
  const out = { returned: 0 };
  const v = resumeGenerator(m, g, 0, out);
  if (v !== 0) return v;
  if (args.length === 2) {
    heap.decref(out.returned);
    heap.incref(args[1]!);
    return args[1]!;
  }
  throw stopIteration(m, out.returned);
}

/** `g.send(v)`, `g.close()` (arguments borrowed): a new reference. */
export function generatorMethod(
  m: Machine,
  g: ObjectHandle,
  method: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (method === 'send' && args.length === 1) {
    heap.incref(args[0]!);
    const out = { returned: 0 };
    const v = resumeGenerator(m, g, args[0]!, out);
    if (v !== 0) return v;
    throw stopIteration(m, out.returned);
  }
  if (method === 'close' && args.length === 0) {
    closeGenerator(m, g);
    return heap.newNone();
  }
  throw new Unsupported(`generator.${method}() with ${args.length} arguments`);
}

/**
 * `g.gi_frame` (`g` taken): a new reference to the generator's frame object — 3.8–3.10
 * the frame object it always has, 3.11+ one made on demand for the frame inside it
 * (_PyFrame_GetFrameObject) — or None once it completed.
 */
export function generatorFrameAttribute(m: Machine, g: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  try {
    if (heap.typeOf(g) !== 'generator')
      throw new Unsupported(`the attribute .gi_frame of a ${heap.typeNameOf(g)}`);
    // A 3.13 generator closed at a yield is completed, its frame kept for the function.
    if (runs(m).get(g)?.done === true) return heap.newNone();
    return heap.generatorFrame(g);
  } finally {
    heap.decref(g);
  }
}

/** The items a generator yields, as new references, for a consumer that adopts them. */
export function itemsOfGenerator(m: Machine, g: ObjectHandle): Iterable<ObjectHandle> {
  return {
    *[Symbol.iterator]() {
      for (let v = resumeGenerator(m, g, 0); v !== 0; v = resumeGenerator(m, g, 0)) yield v;
    },
  };
}

/**
 * `list(g)`: list_extend's iterator path — a generator has no __length_hint__, so
 * the list is first sized for 8 items (PyObject_LengthHint's default), then appended
 * to and trimmed. `list()` takes its object from tp_alloc, bypassing the free list.
 */
export function listOfGenerator(m: Machine, g: ObjectHandle): ObjectHandle {
  return m.heap.newListFrom({ items: itemsOfGenerator(m, g) }, undefined, true);
}

/**
 * `set(g)` / `frozenset(g)`: make_new_set's object first, then set_update_internal's
 * iterator path — each item added (set_add_key) and released. The caller applies
 * 3.8/3.9's empty frozenset singleton.
 */
export function setOfGenerator(m: Machine, g: ObjectHandle, frozen: boolean): ObjectHandle {
  const s = m.heap.newSetOfKind(frozen);
  try {
    addItems(m, s, itemsOfGenerator(m, g));
  } catch (error) {
    m.heap.decref(s);
    throw error;
  }
  return s;
}

/** set_update_internal's loop: each item added to `s` and released. */
export function addItems(m: Machine, s: ObjectHandle, items: Iterable<ObjectHandle>): void {
  for (const k of items) {
    try {
      m.heap.setAdd(s, k, true);
    } finally {
      m.heap.decref(k);
    }
  }
}

/**
 * `tuple(g)`: PySequence_Tuple — a generator has no length hint, so the tuple is first
 * made for 10 items, then grown and trimmed (tupleOfItems).
 */
export function tupleOfGenerator(m: Machine, g: ObjectHandle): ObjectHandle {
  refuseTupleOfIterator(m);
  return tupleOfItems(m.heap, itemsOfGenerator(m, g), GENERATOR_LENGTH_HINT);
}

/**
 * 3.14's PySequence_Tuple takes no length hint: it fills a stack buffer of 8 items
 * first (measured on Pyodide 3.14.2: `__len__` is not called). Not modelled: refused.
 */
export function refuseTupleOfIterator(m: Machine): void {
  if (m.minor >= 14)
    throw new Unsupported('tuple() of a generator or an iterable instance on 3.14 (its buffer)');
}

/** PySequence_Tuple's default length hint (PyObject_LengthHint(v, 10)). */
const GENERATOR_LENGTH_HINT = 10;

const LONG_MAX = (1n << 63n) - 1n;

/**
 * `sum(iterable)` of ints: builtin_sum's C long fast path — each item is released as
 * it is added and one int is made at the end (after the iterator is released). Items
 * that are not exact ints (bools take the slow path before 3.12, floats have their
 * own) and sums outside a C long are refused.
 */
export function sumBuiltin(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length !== 1) throw new Unsupported(`sum() with ${args.length} arguments`);
  const source = args[0]!;
  const t = heap.typeOf(source);
  let it: ObjectHandle;
  if (t === 'generator' || BUILTIN_ITERATORS.has(t) || isIteratorInstance(m, source)) {
    heap.incref(source);
    it = source;
  } else if (t === 'list' || t === 'tuple') it = heap.newIterator(source);
  else throw new Unsupported(`sum() of a ${heap.typeNameOf(source)}`);
  let total = 0n;
  try {
    for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
      const type = heap.typeOf(item);
      const value = type === 'int' ? (heap.valueOf(item) as bigint) : null;
      heap.decref(item);
      if (value === null) throw new Unsupported(`sum() of a ${type}`);
      total += value;
      if (total > LONG_MAX || total < -LONG_MAX - 1n || value > LONG_MAX || value < -LONG_MAX - 1n)
        throw new Unsupported('sum() beyond a C long');
    }
  } finally {
    heap.decref(it);
  }
  return heap.newInt(total);
}
