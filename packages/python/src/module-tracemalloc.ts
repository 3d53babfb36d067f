/**
 * `import tracemalloc`: the sizes of the blocks the program allocated since it started
 * tracing, as CPython's allocator hooks count them.
 *
 *   tracemalloc.start([nframe])     starts tracing (again: no-op); returns None
 *   tracemalloc.stop()              stops and forgets every trace
 *   tracemalloc.is_tracing()        True / False
 *   tracemalloc.get_traced_memory() (traced, peak): a new 2-tuple of new ints; (0, 0)
 *                                   when not tracing
 *   tracemalloc.reset_peak()        peak := traced (3.9+; 3.8: AttributeError)
 *   tracemalloc.clear_traces()      forgets every trace: both sizes 0
 *   tracemalloc.get_traceback_limit()  the frames kept per trace (start's nframe, 1)
 *
 * Traced sizes are the requested ones (tracemalloc-traces.ts), so a reported size is
 * exact only if the model made exactly the allocations CPython made since start().
 * get_traced_memory() is refused when it cannot vouch for that:
 *
 *   - a construct whose allocations were not measured appears anywhere in the program
 *     (functions, classes, comprehensions, exceptions, f-strings, dicts, sets, `**`,
 *     `//`, `%`, bit operations, builtins, module functions and methods outside a small
 *     set): found when
 *     the import is compiled;
 *   - print() ran while tracing (CPython's stdout buffers what it writes);
 *   - a module-level name was bound for the first time, or again after `del`, while
 *     tracing (the `__main__` dict, whose memory the model does not hold, may grow);
 *   - an object the traces do not vouch for was made (tracemalloc-traces.ts);
 *   - on 3.14 (Pyodide runs every program in one interpreter, so its warm free lists
 *     depend on the programs before).
 *
 * get_tracemalloc_memory() and take_snapshot() are refused (the first counts
 * tracemalloc's own hash tables; the second is not modelled). Models
 * Modules/_tracemalloc.c (_tracemalloc_start_impl, _tracemalloc_stop_impl,
 * _tracemalloc_get_traced_memory_impl, _tracemalloc_reset_peak_impl,
 * _tracemalloc_clear_traces_impl) 3.8–3.12 and Python/tracemalloc.c 3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle, ObjectListener } from '@pymem/objects';
import type { Compiler } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';
import { TracedBlocks } from './tracemalloc-traces.ts';

/** One machine's tracemalloc state. */
interface TracemallocState {
  /** The traces while tracing, else null. */
  blocks: TracedBlocks | null;
  /** start()'s nframe. */
  nframe: number;
  /** What the program's text uses that the traces cannot vouch for (compile time). */
  programReason: string | null;
  /** The heap's listener before start() (restored by stop()). */
  previous: ObjectListener | null;
  /** Lines printed, and module-level names bound, when tracing started. */
  printedAt: number;
  insertionsAt: number;
}

const STATES = new WeakMap<Machine, TracemallocState>();

function stateOf(m: Machine): TracemallocState {
  let state = STATES.get(m);
  if (state === undefined) {
    state = {
      blocks: null,
      nframe: 1,
      programReason: null,
      previous: null,
      printedAt: 0,
      insertionsAt: 0,
    };
    STATES.set(m, state);
  }
  return state;
}

/** Syntax whose allocations the traces were not measured for. */
const UNMEASURED_SYNTAX: Readonly<Record<string, string>> = {
  FunctionDefinition: 'a function definition',
  LambdaExpression: 'a lambda',
  ClassDefinition: 'a class statement',
  ArrayComprehensionExpression: 'a comprehension',
  DictionaryComprehensionExpression: 'a comprehension',
  SetComprehensionExpression: 'a comprehension',
  ComprehensionExpression: 'a generator expression',
  TryStatement: 'a try statement',
  WithStatement: 'a with statement',
  RaiseStatement: 'a raise statement',
  AssertStatement: 'an assert statement',
  FormatString: 'an f-string',
  DictionaryExpression: 'a dict display',
  SetExpression: 'a set display',
};

/**
 * Builtins whose allocations are the objects they return (measured). Not `len`,
 * `sys.getsizeof`: 3.11+ make their one-digit ints with _PyLong_New (28 bytes), not
 * _PyLong_FromMedium (32) as arithmetic and range iteration do; not `str(n)`,
 * `list(range(…))`: CPython allocates temporaries the model does not (measured).
 */
const MEASURED_BUILTINS: ReadonlySet<string> = new Set(['print', 'range']);

/** Methods whose allocations are the list growth the heap models. */
const MEASURED_METHODS: ReadonlySet<string> = new Set(['append', 'extend', 'pop', 'clear']);

/** Module functions callable in a traced program. */
const MEASURED_MODULES: ReadonlySet<string> = new Set(['tracemalloc']);

/** Why a construct in `node` makes the traces unvouched, or null. */
function unmeasured(c: Compiler, node: SyntaxNode): string | null {
  const syntax = UNMEASURED_SYNTAX[node.name];
  if (syntax !== undefined) return syntax;
  if (node.name === 'ArithOp' || node.name === 'BitOp' || node.name === 'UpdateOp') {
    const op = c.text(node).replace(/=$/, '');
    if (!['+', '-', '*', '/', ''].includes(op)) return `the operator ${op}`;
  }
  if (node.name === 'CallExpression') {
    const callee = node.firstChild;
    if (callee?.name === 'VariableName' && !MEASURED_BUILTINS.has(c.text(callee)))
      return `${c.text(callee)}()`;
    if (callee?.name === 'MemberExpression') {
      const receiver = callee.firstChild;
      const method = callee.lastChild;
      if (receiver === null || method === null) return 'a call';
      const name = c.text(method);
      if (receiver.name === 'VariableName' && MEASURED_MODULES.has(c.text(receiver))) return null;
      if (!MEASURED_METHODS.has(name)) return `the method ${name}()`;
    }
  }
  return null;
}

/**
 * Called when `import tracemalloc` is compiled: notes the first construct in the
 * program whose allocations the traces cannot vouch for.
 */
export function noteTracedProgram(c: Compiler): void {
  const state = stateOf(c.m);
  const cursor = c.source.root.cursor();
  do {
    const reason = unmeasured(c, cursor.node);
    if (reason !== null) {
      const line = c.source.position(cursor.from).line;
      state.programReason = `tracemalloc.get_traced_memory() in a program with ${reason} (line ${line})`;
      return;
    }
  } while (cursor.next());
}

function arity(name: string, args: readonly ObjectHandle[], max: number): void {
  if (args.length > max)
    throw new Unsupported(`tracemalloc.${name}() with ${args.length} arguments`);
}

/** `tracemalloc.start([nframe])`. */
function start(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  arity('start', args, 1);
  const heap = m.heap;
  const state = stateOf(m);
  if (args.length === 1) {
    const n = heap.typeOf(args[0]!) === 'int' ? Number(heap.valueOf(args[0]!)) : Number.NaN;
    if (!(n >= 1 && n <= 100)) throw new Unsupported('tracemalloc.start() with this argument');
    // Already tracing: start() changes nothing, not even the frame limit.
    if (state.blocks === null) state.nframe = n;
  }
  if (state.blocks !== null) return heap.newNone();
  const blocks = new TracedBlocks(heap);
  // After any listener already there (a recorder's), which keeps every event.
  const previous = heap.hook;
  state.previous = previous;
  heap.hook =
    previous === null
      ? blocks.listen
      : (event) => {
          previous(event);
          blocks.listen(event);
        };
  state.blocks = blocks;
  state.printedAt = m.out.length + m.err.length;
  state.insertionsAt = m.globalInsertions;
  return heap.newNone();
}

/** `tracemalloc.stop()`: the traces are dropped and the heap's listener put back. */
function stop(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  arity('stop', args, 0);
  const state = stateOf(m);
  if (state.blocks !== null) m.heap.hook = state.previous;
  state.blocks = null;
  return m.heap.newNone();
}

/** `tracemalloc.get_traced_memory()`: (traced, peak). */
function getTracedMemory(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  arity('get_traced_memory', args, 0);
  const state = stateOf(m);
  const blocks = state.blocks;
  if (m.minor >= 14)
    throw new Unsupported(
      "tracemalloc's sizes on 3.14 (Pyodide's free lists depend on the programs run before)",
    );
  if (blocks === null) return pair(m, 0, 0);
  if (state.programReason !== null) throw new Unsupported(state.programReason);
  if (m.out.length + m.err.length !== state.printedAt)
    throw new Unsupported('tracemalloc.get_traced_memory() after print() while tracing');
  if (m.globalInsertions !== state.insertionsAt)
    throw new Unsupported(
      'tracemalloc.get_traced_memory() after a module-level name was first bound while tracing',
    );
  blocks.flush();
  if (blocks.reason !== null)
    throw new Unsupported(`tracemalloc.get_traced_memory() after ${blocks.reason}`);
  return pair(m, blocks.traced, blocks.peak);
}

/** A new 2-tuple of new ints (Py_BuildValue("nn")). */
function pair(m: Machine, a: number, b: number): ObjectHandle {
  const heap = m.heap;
  const items = [heap.newInt(a), heap.newInt(b)];
  const t = heap.newTuple(items);
  for (const item of items) heap.decref(item);
  return t;
}

/** The tracemalloc module. */
export const TRACEMALLOC_MODULE: LibraryModule = {
  functions: {
    start,
    stop,
    is_tracing: (m, args) => {
      arity('is_tracing', args, 0);
      return m.heap.newBool(stateOf(m).blocks !== null);
    },
    get_traced_memory: getTracedMemory,
    reset_peak(m, args) {
      if (m.minor < 9)
        throw new PythonError(
          'AttributeError',
          "module 'tracemalloc' has no attribute 'reset_peak'",
        );
      arity('reset_peak', args, 0);
      stateOf(m).blocks?.resetPeak();
      return m.heap.newNone();
    },
    clear_traces(m, args) {
      arity('clear_traces', args, 0);
      stateOf(m).blocks?.clear();
      return m.heap.newNone();
    },
    get_traceback_limit(m, args) {
      arity('get_traceback_limit', args, 0);
      return m.heap.newInt(stateOf(m).nframe);
    },
  },
};
