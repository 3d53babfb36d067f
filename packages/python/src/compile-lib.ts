/**
 * Compiling the library operations the compiler's core leaves out: a method call with
 * keyword arguments (`xs.sort(reverse=True)`), `del xs[i]` and `del xs[a:b]` on a list.
 *
 *   xs.sort(reverse=r)   the receiver, the positional arguments, then the keyword
 *                        values are evaluated (LOAD_METHOD … CALL_METHOD_KW / CALL
 *                        with kwnames) and released as the call's arguments
 *   del xs[i]            list_ass_subscript → list_ass_item(i, NULL) → list_ass_slice
 *   del xs[a:b]          list_ass_slice over the clamped bounds
 *   del xs[a:b:k]        list_ass_subscript: every k-th item, through a PyMem block
 *
 * Models Python/ceval.c's DELETE_SUBSCR and Objects/listobject.c's list_ass_subscript,
 * 3.8–3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Heap, ObjectHandle } from '@pymem/objects';
import { moduleAttributeError, moduleLacks } from './attribute-suggestions.ts';
import { isBuiltinValue, isGetter } from './builtin-values.ts';
import { callBoundSort, sortedList } from './builtins-lib.ts';
import { instanceMethodKeywordsCall } from './class-calls.ts';
import { formatCallWithKeywords } from './compile-format.ts';
import { keywordsWithKey } from './compile-key-builtins.ts';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Expression, Frame, Statement } from './frame.ts';
import { Flow } from './frame.ts';
import type { Machine } from './machine.ts';
import { libraryMethod, listSort, sortOrder } from './methods-lib.ts';
import { COLLECTIONS_MODULE } from './module-collections.ts';
import { COPY_MODULE } from './module-copy.ts';
import { BUILTIN_FACTORIES, newDefaultdict } from './module-defaultdict.ts';
import { FUNCTOOLS_MODULE } from './module-functools.ts';
import { ITERTOOLS_MODULE } from './module-itertools.ts';
import { type LibraryModule, MATH_MODULE } from './module-math.ts';
import { namedTupleMethod } from './module-namedtuple.ts';
import { OPERATOR_MODULE } from './module-operator.ts';
import { ODICT_KEYWORD_METHODS } from './module-ordereddict.ts';
import { RANDOM_MODULE } from './module-random.ts';
import { TRACEMALLOC_MODULE } from './module-tracemalloc.ts';
import { WEAKREF_MODULE } from './module-weakref.ts';
import { shared, sliceRange } from './operations.ts';

/** `receiver.method(positional…, name=value…)` for the methods that take keywords. */
export function methodCallWithKeywords(
  c: Compiler,
  receiverNode: SyntaxNode,
  method: string,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
): Expression {
  if (method === 'format')
    return formatCallWithKeywords(c, receiverNode, positional, keywords, scope);
  if (method === '_replace') return replaceCall(c, receiverNode, positional, keywords, scope);
  if (method !== 'sort' && !ODICT_KEYWORD_METHODS.has(method))
    return programMethodWithKeywords(c, receiverNode, method, positional, keywords, scope);
  const m = c.m;
  const heap = m.heap;
  const receiver = c.expression(receiverNode, scope);
  const args = positional.map((p) => c.expression(p, scope));
  const { keyBuiltin, names, values, release } = keywordsWithKey(c, keywords, scope);
  // The key function's call, made once: its callee and argument are set per item.
  const callKey = keyCall(c);
  // 3.9/3.10: CALL_METHOD takes no keywords, so LOAD_ATTR makes the bound builtin method
  // (a PyCFunctionObject holding the receiver) and CALL_FUNCTION_KW pops it last; 3.8
  // takes it from the PyCFunction free list, 3.11+ LOAD_METHOD makes none.
  const L = heap.layout;
  const boundBytes =
    m.minor === 9 || m.minor === 10 ? L.gcHeader + L.objectHeader + 5 * L.pointerSize : 0;
  return (frame) => {
    const r = receiver(frame);
    const rt = heap.typeOf(r);
    const bound =
      boundBytes > 0 && (rt === 'list' || rt === 'OrderedDict') ? heap.objMalloc(boundBytes) : 0;
    const held: ObjectHandle[] = [];
    try {
      for (const a of args) held.push(a(frame));
      for (const v of values) held.push(v(frame));
      const map = new Map(names.map((k, i) => [k, held[args.length + i]!]));
      if (keyBuiltin !== undefined) {
        if (heap.typeOf(r) !== 'list')
          throw new Unsupported(`${heap.typeNameOf(r)}.sort(key=<a built-in>)`);
        map.delete('key');
        sortWithKey(m, r, null, map, keyBuiltin);
        return heap.newNone();
      }
      const keyfunc = map.get('key');
      if (keyfunc !== undefined && heap.typeOf(keyfunc) === 'NoneType') map.delete('key');
      else if (keyfunc !== undefined && heap.typeOf(r) === 'list') {
        map.delete('key');
        sortWithKey(m, r, keyfunc, map, (item) => callKey(frame, keyfunc, item));
        return heap.newNone();
      }
      const result = libraryMethod(m, r, method, held.slice(0, args.length), map);
      if (result === undefined)
        throw new Unsupported(`the method ${heap.typeNameOf(r)}.${method} with keywords`);
      return result;
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      release(held, args.length);
      // meth_dealloc: the receiver's reference, then the block.
      heap.decref(r);
      if (bound !== 0) heap.memCall('free', bound, 0, 'obj');
    }
  };
}

/**
 * `receiver.method(…, name=value…)` where only a program's method takes keywords: the
 * call when the receiver is an instance whose class defines it (class-calls.ts), else
 * refused.
 */
function programMethodWithKeywords(
  c: Compiler,
  receiverNode: SyntaxNode,
  method: string,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
): Expression {
  const m = c.m;
  const heap = m.heap;
  const receiver = c.expression(receiverNode, scope);
  const args = positional.map((p) => c.expression(p, scope));
  const names = keywords.map(([k]) => k);
  const keywordValues = keywords.map(([, v]) => c.expression(v, scope));
  const keywordKeys = names.map((k) => c.pool.handle({ kind: 'str', value: k }));
  return (frame) => {
    const r = receiver(frame);
    const result = instanceMethodKeywordsCall(
      m,
      r,
      method,
      args,
      keywordValues,
      names,
      keywordKeys,
      frame,
    );
    if (result !== undefined) return result;
    if (method === 'update' && heap.typeOf(r) === 'dict')
      return dictUpdateWithKeywords(m, r, args, keywordValues, keywordKeys, frame);
    heap.decref(r);
    throw new Unsupported('keyword arguments to a method');
  };
}

/**
 * `d.update(other?, k=v…)` on a dict. dict.update is METH_VARARGS | METH_KEYWORDS, so
 * no call of it with keywords goes without a tuple and a dict:
 *   3.8–3.10  LOAD_ATTR makes the bound builtin method (3.8: from the PyCFunction free
 *             list; 3.9/3.10: a new GC object), then CALL_FUNCTION_KW through
 *             _PyObject_MakeTpCall;
 *   3.11+     LOAD_METHOD, then CALL with kwnames: method_vectorcall_VARARGS_KEYWORDS;
 * both build the positional arguments' tuple (none: the shared empty tuple) and
 * _PyStack_AsDict's dict of the keywords (3.11+: str-keyed, _PyDict_FromItems), run dict_update_common (the positional
 * mapping merged first, then the keywords' dict, PyDict_Merge), and release the tuple,
 * then the dict. The caller's stack goes next, then the bound method or receiver.
 * Models Objects/call.c and Objects/descrobject.c, dict_update_common
 * (Objects/dictobject.c), 3.8–3.14. Takes over `r`.
 */
function dictUpdateWithKeywords(
  m: Machine,
  r: ObjectHandle,
  args: readonly Expression[],
  keywordValues: readonly Expression[],
  keywordKeys: readonly ObjectHandle[],
  frame: Frame,
): ObjectHandle {
  const heap = m.heap;
  const L = heap.layout;
  const bound =
    m.minor === 9 || m.minor === 10
      ? heap.objMalloc(L.gcHeader + L.objectHeader + 5 * L.pointerSize)
      : 0;
  const held: ObjectHandle[] = [];
  try {
    if (args.length > 1)
      throw new Unsupported('dict.update() with more than one positional argument');
    for (const a of args) held.push(a(frame));
    for (const v of keywordValues) held.push(v(frame));
    const tuple = args.length === 0 ? 0 : heap.newTuple(held.slice(0, args.length));
    const kwdict = heap.newDictPresized(keywordKeys.length, true);
    try {
      for (let i = 0; i < keywordKeys.length; i++)
        heap.dictSetItem(kwdict, keywordKeys[i]!, held[args.length + i]!);
      if (args.length === 1) {
        const from = heap.typeOf(held[0]!);
        if (from !== 'dict' && from !== 'defaultdict' && from !== 'Counter')
          throw new Unsupported('dict.update from a non-dict');
        heap.dictMerge(r, held[0]!);
      }
      heap.dictMerge(r, kwdict);
    } finally {
      if (tuple !== 0) heap.decref(tuple);
      heap.decref(kwdict);
    }
    return heap.newNone();
  } catch (error) {
    throw pythonErrorOf(error);
  } finally {
    m.releaseArguments(held);
    heap.decref(r);
    if (bound !== 0) heap.memCall('free', bound, 0, 'obj');
  }
}

/** `p._replace(name=value, …)` on a namedtuple instance (module-namedtuple.ts). */
function replaceCall(
  c: Compiler,
  receiverNode: SyntaxNode,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
): Expression {
  const m = c.m;
  const heap = m.heap;
  if (positional.length > 0) throw c.fail('_replace() with positional arguments', receiverNode);
  const receiver = c.expression(receiverNode, scope);
  const names = keywords.map(([k]) => k);
  const values = keywords.map(([, v]) => c.expression(v, scope));
  return (frame) => {
    const r = receiver(frame);
    const held: ObjectHandle[] = [];
    try {
      for (const v of values) held.push(v(frame));
      if (heap.typeOf(r) !== 'namedtuple')
        throw new Unsupported(`the method ${heap.typeNameOf(r)}._replace`);
      return namedTupleMethod(m, r, '_replace', [], new Map(names.map((k, i) => [k, held[i]!])));
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      m.releaseArguments(held);
      heap.decref(r);
    }
  };
}

/** `del list[key]` (an int index): list_ass_item(i, NULL). */
export function deleteListItem(m: Machine, list: ObjectHandle, key: ObjectHandle): void {
  const heap = m.heap;
  const t = heap.typeOf(key);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      `list indices must be integers or slices, not ${heap.typeNameOf(key)}`,
    );
  const n = heap.lengthOf(list);
  let i = Number(heap.valueOf(key) as bigint);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw new PythonError('IndexError', 'list assignment index out of range');
  if (m.rules.listDelItemKeepsSlots) heap.listDeleteItemInPlace(list, i);
  else heap.listDeleteSlice(list, i, i + 1);
}

/** PySlice_AdjustIndices for step 1: a bound clamped to 0…n (None: the end). */
function bound(heap: Heap, o: ObjectHandle, n: number, fallback: number): number {
  if (o === 0 || heap.typeOf(o) === 'NoneType') return fallback;
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      'slice indices must be integers or None or have an __index__ method',
    );
  let v = Number(heap.valueOf(o) as bigint);
  if (v < 0) v = Math.max(0, v + n);
  return Math.min(v, n);
}

/** A slice bound as PySlice_Unpack reads it: an int, or null for None or absent. */
function sliceBound(heap: Heap, o: ObjectHandle): bigint | null {
  if (o === 0 || heap.typeOf(o) === 'NoneType') return null;
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      'slice indices must be integers or None or have an __index__ method',
    );
  return heap.valueOf(o) as bigint;
}

/**
 * `del container[a:b]` or `del container[a:b:k]` on a list. A step of 1 (or none) is
 * list_ass_slice over the clamped bounds; another step deletes every k-th item
 * (list_ass_subscript); a step of 0 is PySlice_Unpack's ValueError.
 */
export function deleteSlice(c: Compiler, target: SyntaxNode, scope: Scope): Statement {
  const parts = c.kids(target);
  const inner = parts.slice(2, -1);
  const bounds: (Expression | null)[] = [null, null, null];
  let at = 0;
  for (const p of inner) {
    if (p.name === ':') at++;
    else bounds[at] = c.expression(p, scope);
  }
  const container = c.expression(parts[0]!, scope);
  const heap = c.m.heap;
  return (frame) => {
    const list = container(frame);
    const values = bounds.map((b) => (b === null ? 0 : b(frame)));
    try {
      if (heap.typeOf(list) !== 'list')
        throw new Unsupported(`del of a slice of a ${heap.typeNameOf(list)}`);
      const n = heap.lengthOf(list);
      const step = sliceBound(heap, values[2]!) ?? 1n;
      if (step === 0n) throw new PythonError('ValueError', 'slice step cannot be zero');
      if (step === 1n) {
        const lo = bound(heap, values[0]!, n, 0);
        const hi = Math.max(lo, bound(heap, values[1]!, n, n));
        heap.listDeleteSlice(list, lo, hi);
      } else {
        const start = sliceBound(heap, values[0]!);
        const stop = sliceBound(heap, values[1]!);
        const picked = sliceRange(n, start, stop, step);
        heap.listDeleteStepped(list, step > 0n ? picked : picked.reverse());
      }
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      heap.decref(list);
      for (const v of values) if (v !== 0) heap.decref(v);
    }
    return Flow.next;
  };
}

/**
 * The library modules a program may import. Importing one runs CPython's import
 * machinery (a shared library, Python source): it allocates objects the model does
 * not make, so afterwards `id()` is refused, and a program that also imports `gc`
 * is refused (collections may run during the import).
 */
let libraryModuleMap: ReadonlyMap<string, LibraryModule> | undefined;

/** The library modules by name, built on first use (the module imports form a cycle). */
export function libraryModules(): ReadonlyMap<string, LibraryModule> {
  libraryModuleMap ??= new Map([
    ['math', MATH_MODULE],
    ['random', RANDOM_MODULE],
    ['copy', COPY_MODULE],
    ['weakref', WEAKREF_MODULE],
    ['collections', COLLECTIONS_MODULE],
    ['tracemalloc', TRACEMALLOC_MODULE],
    ['functools', FUNCTOOLS_MODULE],
    ['itertools', ITERTOOLS_MODULE],
    ['operator', OPERATOR_MODULE],
  ]);
  return libraryModuleMap;
}

/** Each machine's imported modules' value attributes. */
const moduleAttributes = new WeakMap<Machine, Map<string, Record<string, ObjectHandle>>>();

/** Runs `import name` for a library module: its value attributes are made once. */
export function importLibrary(m: Machine, name: string): void {
  const module = libraryModules().get(name);
  if (module === undefined) return;
  let made = moduleAttributes.get(m);
  if (made === undefined) {
    made = new Map();
    moduleAttributes.set(m, made);
  }
  if (made.has(name)) return;
  const attributes = module.attributes?.(m) ?? {};
  for (const h of Object.values(attributes)) m.constants.add(h);
  made.set(name, attributes);
}

/** True when the library module `name`, imported already, has the value attribute `attribute`. */
export function hasValueAttribute(m: Machine, name: string, attribute: string): boolean {
  const attributes = moduleAttributes.get(m)?.get(name);
  return attributes !== undefined && Object.hasOwn(attributes, attribute);
}

/** True once the program imported a library module (its import allocated unknown objects). */
export function importedLibrary(m: Machine): boolean {
  return [...m.modules].some((name) => libraryModules().has(name));
}

/** Releases a library call's arguments after the call, as every call does (Machine.releaseArguments). */
export function releaseLibraryArguments(m: Machine, values: readonly ObjectHandle[]): void {
  m.releaseArguments(values);
}

/** `module.function(args…)` for a library module. */
export function moduleCall(
  c: Compiler,
  name: string,
  method: string,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  const module = libraryModules().get(name)!;
  if (scope.locals?.has(name)) throw c.fail(`a local named '${name}'`, node);
  const accepted = module.keywords?.[method] ?? [];
  for (const [k] of keywords)
    if (accepted !== 'any' && !accepted.includes(k))
      throw c.fail(`keyword arguments to ${name}.${method}()`, node);
  if (name === 'collections' && method === 'defaultdict')
    return defaultdictCall(c, positional, keywords, scope, node);
  if (!Object.hasOwn(module.functions, method)) {
    if (moduleLacks(c.m, name, method))
      return missingModuleAttribute(c, name, method, node.firstChild!);
    throw c.fail(`${name}.${method}`, node);
  }
  const fn = module.functions[method]!;
  const args = positional.map((p) => c.expression(p, scope));
  const names = keywords.map(([k]) => k);
  const keywordValues = keywords.map(([, v]) => c.expression(v, scope));
  const m = c.m;
  return (frame) => {
    if (!m.modules.has(name)) throw new Unsupported(`${name}.${method} before the import ran`);
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
      for (const v of keywordValues) values.push(v(frame));
      if (names.length === 0) return fn(m, values);
      const given = new Map(names.map((k, i) => [k, values[args.length + i]!]));
      return fn(m, values.slice(0, args.length), given);
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      releaseLibraryArguments(m, values);
    }
  };
}

/**
 * `collections.defaultdict(factory, …)`: a built-in type named as the factory (`list`,
 * not shadowed) is passed as its name, as no object stands for it; anything else is
 * evaluated as the call's first argument (module-defaultdict.ts).
 */
function defaultdictCall(
  c: Compiler,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (keywords.length > 0) throw c.fail('keyword arguments to collections.defaultdict()', node);
  const first = positional[0];
  const name = first === undefined ? '' : c.text(first);
  const builtinType =
    first?.name === 'VariableName' &&
    BUILTIN_FACTORIES.has(name) &&
    !scope.locals?.has(name) &&
    !c.moduleAssigned.has(name)
      ? name
      : null;
  const args = positional.slice(builtinType === null ? 0 : 1).map((p) => c.expression(p, scope));
  const m = c.m;
  return (frame) => {
    if (!m.modules.has('collections'))
      throw new Unsupported('collections.defaultdict before the import ran');
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
      if (builtinType !== null) return newDefaultdict(m, 0, builtinType, values);
      return newDefaultdict(m, values[0] ?? 0, null, values.slice(1));
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      releaseLibraryArguments(m, values);
    }
  };
}

/** `module.attribute` for a library module's value attribute (a new reference). */
export function moduleAttribute(
  c: Compiler,
  name: string,
  attribute: string,
  node: SyntaxNode,
): Expression {
  const module = libraryModules().get(name)!;
  const m = c.m;
  const heap = m.heap;
  if (module.valueFunctions?.has(attribute)) {
    // A builtin function of the module: made when the module was, like the builtins.
    return () => {
      if (!m.modules.has(name)) throw new Unsupported(`${name}.${attribute} before the import ran`);
      return heap.builtinObject(`${name}.${attribute}`, 'function');
    };
  }
  if (Object.hasOwn(module.functions, attribute))
    throw c.fail(`the function ${name}.${attribute} used as a value`, node);
  if (moduleLacks(m, name, attribute)) return missingModuleAttribute(c, name, attribute, node);
  return () => {
    const attributes = moduleAttributes.get(m)?.get(name);
    if (attributes === undefined)
      throw new Unsupported(`${name}.${attribute} before the import ran`);
    if (!Object.hasOwn(attributes, attribute))
      throw new Unsupported(`the attribute ${name}.${attribute}`);
    return shared(heap, attributes[attribute]!);
  };
}

/**
 * `module.name` (a call's callee, or a value) that the module does not have: its
 * AttributeError once the import ran, located at the lookup (3.11+ carets under it).
 */
function missingModuleAttribute(
  c: Compiler,
  module: string,
  name: string,
  lookup: SyntaxNode,
): Expression {
  const m = c.m;
  const location = c.locate(lookup);
  return () => {
    if (!m.modules.has(module)) throw new Unsupported(`${module}.${name} before the import ran`);
    const error = moduleAttributeError(m, module, name);
    error.location = location;
    throw error;
  };
}

/**
 * `container[a:b] = v` on a list with a list or tuple value (step 1): list_ass_slice.
 * A value that is the list itself is copied first (list_slice), as CPython does.
 */
export function sliceStore(
  c: Compiler,
  target: SyntaxNode,
  scope: Scope,
): (frame: Frame, v: ObjectHandle) => void {
  const parts = c.kids(target);
  const inner = parts.slice(2, -1);
  const bounds: (Expression | null)[] = [null, null, null];
  let at = 0;
  for (const p of inner) {
    if (p.name === ':') at++;
    else bounds[at] = c.expression(p, scope);
  }
  if (at > 1) throw c.fail('assigning to a slice with a step', target);
  const container = c.expression(parts[0]!, scope);
  const heap = c.m.heap;
  return (frame, v) => {
    const list = container(frame);
    const values = bounds.map((b) => (b === null ? 0 : b(frame)));
    let copy = 0;
    try {
      if (heap.typeOf(list) !== 'list')
        throw new Unsupported(`assigning to a slice of a ${heap.typeNameOf(list)}`);
      const vt = heap.typeOf(v);
      if (vt !== 'list' && vt !== 'tuple')
        throw new Unsupported(`assigning a ${heap.typeNameOf(v)} to a slice`);
      const n = heap.lengthOf(list);
      const lo = bound(heap, values[0]!, n, 0);
      const hi = Math.max(lo, bound(heap, values[1]!, n, n));
      if (v === list) copy = heap.listCopy(list);
      heap.listAssignSlice(list, lo, hi, heap.referents(copy === 0 ? v : copy));
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      if (copy !== 0) heap.decref(copy);
      heap.decref(v);
      heap.decref(list);
      for (const b of values) if (b !== 0) heap.decref(b);
    }
  };
}

/** `xs *= n` on a list: the list itself, repeated in place (list_inplace_repeat). */
export function listInplaceRepeat(heap: Heap, list: ObjectHandle, n: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(n);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      `can't multiply sequence by non-int of type '${heap.typeNameOf(n)}'`,
    );
  const count = heap.valueOf(n) as bigint;
  if (count * BigInt(heap.lengthOf(list)) > 1_000_000n)
    throw new Unsupported('a repetition this large');
  heap.listInplaceRepeat(list, count < 0n ? 0 : Number(count));
  return shared(heap, list);
}

/**
 * list.sort(key=f): f is called on every item in list order (PyObject_CallOneArg with
 * the list's borrowed reference), the items are ordered by their keys, and the keys
 * are released in the sorted order once the list has its new order (list_sort_impl).
 * While the keys are computed CPython's list looks empty; a key function that reads
 * the list it sorts is not modelled.
 */
function sortWithKey(
  m: Machine,
  list: ObjectHandle,
  keyfunc: ObjectHandle | null,
  keywords: ReadonlyMap<string, ObjectHandle>,
  call: (item: ObjectHandle) => ObjectHandle,
): void {
  const heap = m.heap;
  for (const k of keywords.keys()) if (k !== 'reverse') throw new Unsupported(`list.sort(${k}=…)`);
  // null: a key built-in (compile-key-builtins.ts), recognised when compiled.
  if (
    keyfunc !== null &&
    heap.typeOf(keyfunc) !== 'function' &&
    !isBuiltinValue(m, keyfunc) &&
    !isGetter(m, keyfunc)
  )
    throw new Unsupported(`list.sort(key=<a ${heap.typeNameOf(keyfunc)}>)`);
  const reverseArg = keywords.get('reverse');
  let reverse = false;
  if (reverseArg !== undefined) {
    const rt = heap.typeOf(reverseArg);
    if (rt !== 'bool' && rt !== 'int') throw new Unsupported('list.sort(reverse=<not an int>)');
    reverse = heap.valueOf(reverseArg) !== 0n;
  }
  const items = [...heap.referents(list)];
  // The keys live in the MergeState's temparray below 128 items, else in an array of
  // their own, PyMem_Malloc'd before the first key call.
  const keysArray =
    items.length >= 128 ? heap.memCall('malloc', 0, items.length * heap.layout.pointerSize) : 0;
  const keys: ObjectHandle[] = [];
  let freeMergeMemory = (): void => {};
  try {
    for (const item of items) keys.push(call(item));
    const sort = listSort(m, keys, reverse, true);
    freeMergeMemory = sort.freeMergeMemory;
    heap.listReorder(list, sort.order);
    // The keys are released in their sorted order, before `reverse` flips the list back.
    for (const i of sort.sorted) heap.decref(keys[i]!);
    keys.length = 0;
  } finally {
    for (const k of keys) heap.decref(k);
    if (keysArray !== 0) heap.memCall('free', keysArray, 0);
    freeMergeMemory();
  }
}

/** References the model holds where CPython's C caller borrows (per machine). */
const lent = new WeakMap<Machine, Map<ObjectHandle, number>>();

function lend(m: Machine, o: ObjectHandle, delta: number): void {
  let counts = lent.get(m);
  if (counts === undefined) {
    counts = new Map();
    lent.set(m, counts);
  }
  const n = (counts.get(o) ?? 0) + delta;
  if (n === 0) counts.delete(o);
  else counts.set(o, n);
}

/**
 * How many of `o`'s references are the model's stand-ins for a C caller's borrowed
 * one (a 3.8–3.10 sort key call's argument): sys.getrefcount subtracts them.
 */
export function borrowedReferences(m: Machine, o: ObjectHandle): number {
  return lent.get(m)?.get(o) ?? 0;
}

/**
 * `sorted(iterable, key=f, reverse=r)`: the new list (sortedList), then the bound sort
 * method called with the keywords (callBoundSort), as builtin_sorted does.
 */
export function sortedCall(
  c: Compiler,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (positional.length !== 1) throw c.fail('sorted() with other than one argument', node);
  const m = c.m;
  const heap = m.heap;
  const source = c.expression(positional[0]!, scope);
  const { keyBuiltin, names, values, release } = keywordsWithKey(c, keywords, scope);
  const callKey = keyCall(c);
  return (frame) => {
    const held: ObjectHandle[] = [];
    let list = 0;
    try {
      held.push(source(frame));
      for (const v of values) held.push(v(frame));
      const map = new Map(names.map((k, i) => [k, held[1 + i]!]));
      for (const k of map.keys())
        if (k !== 'key' && k !== 'reverse') throw new Unsupported(`sorted(${k}=…)`);
      list = sortedList(m, held[0]!, names.includes('key'));
      const sorting = list;
      const keyfunc = map.get('key');
      map.delete('key');
      callBoundSort(m, () => {
        if (keyBuiltin !== undefined) {
          sortWithKey(m, sorting, null, map, keyBuiltin);
          return;
        }
        if (keyfunc === undefined || heap.typeOf(keyfunc) === 'NoneType') {
          const reverse = map.get('reverse');
          if (reverse !== undefined && !['bool', 'int'].includes(heap.typeOf(reverse)))
            throw new Unsupported('sorted(reverse=<not an int>)');
          const order = sortOrder(
            m,
            heap.referents(sorting),
            reverse !== undefined && heap.valueOf(reverse) !== 0n,
          );
          heap.listReorder(sorting, order);
          return;
        }
        sortWithKey(m, sorting, keyfunc, map, (item) => callKey(frame, keyfunc, item));
      });
      const result = list;
      list = 0;
      return result;
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      if (list !== 0) heap.decref(list);
      release(held, 1);
    }
  };
}

/**
 * The key function's call of `list.sort(key=…)` / `sorted(key=…)`, compiled once: its
 * callee and argument are given per item. 3.8–3.10: the frame takes its own reference
 * and CPython's caller passes the list's borrowed one; the model's caller holds one
 * more while the call runs, which `sys.getrefcount` leaves out (borrowedReferences).
 */
export function keyCall(
  c: Compiler,
): (frame: Frame, keyfunc: ObjectHandle, item: ObjectHandle) => ObjectHandle {
  const m = c.m;
  const heap = m.heap;
  const current = { key: 0, item: 0 };
  const borrowed = !m.rules.callFrameTakesArguments;
  const call = c.callFunction(() => shared(heap, current.key), [() => shared(heap, current.item)]);
  return (frame, keyfunc, item) => {
    current.key = keyfunc;
    current.item = item;
    if (borrowed) lend(m, item, 1);
    try {
      return call(frame);
    } finally {
      if (borrowed) lend(m, item, -1);
    }
  };
}
