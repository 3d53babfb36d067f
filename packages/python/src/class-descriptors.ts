/**
 * `@staticmethod`, `@classmethod` and `@property` on a method in a class body
 * (`pymem run`), and reading attributes through them:
 *
 *   @staticmethod        LOAD_NAME (the builtin), MAKE_FUNCTION, CALL: the type has no
 *   def f(…): …          vectorcall, so _PyObject_MakeTpCall makes a 1-tuple of arguments;
 *                        type_call allocates the object (48 bytes), sm_init stores the
 *                        function and, from 3.10, copies five of its attributes into a
 *                        new `__dict__` (functools_wraps: `__module__`, `__name__`,
 *                        `__qualname__`, `__doc__`, `__annotations__` — reading the last
 *                        makes the function's empty annotations dict; 3.14: the first
 *                        four only, measured); the tuple, then
 *                        the function's stack reference, are released
 *   @property            likewise: property_init stores fget (72 bytes on 3.8/3.9, 80 on
 *                        3.10+); type_new's set_names gives it the name (3.10+)
 *   C.s / o.s            sm_descr_get: the function itself (a new reference)
 *   C.k / o.k            cm_descr_get: a bound method of the function and the class
 *   o.p                  property_descr_get: the getter called with o (its frame gets a
 *                        new reference), before the instance's own attributes (a data
 *                        descriptor)
 *
 * Invariant: every handle returned is a new reference; the namespace holds the
 * descriptor, the descriptor its function.
 *   @p.setter / @p.deleter   property_copy: a NEW property with the old one's functions
 *                        and the new function; the old one is freed by STORE_NAME
 *   o.p = v / del o.p    property_descr_set: fset(o, v) / fdel(o) (class-attributes.ts)
 *
 * Refused: other decorators, more than one, a decorator name the program rebinds,
 * `@p.getter`, a setter of another name, assigning or deleting through a property without
 * a setter / deleter (AttributeError texts differ per version), `sys.getrefcount` in a
 * getter on 3.12+ (LOAD_ATTR_PROPERTY hands the getter's frame the caller's reference
 * once specialised).
 * Not modelled: the temporary method-wrapper and arguments tuple of `__set_name__` on
 * 3.10+ (set_names in type_new), and the None a property keeps as its doc.
 * Models sm_init / cm_init / functools_wraps (Objects/funcobject.c), property_init,
 * property_descr_get, property_copy and property_set_name (Objects/descrobject.c),
 * _PyObject_MakeTpCall (Objects/call.c), 3.8–3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import type { Compiler } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression, Frame } from './frame.ts';
import type { Machine } from './machine.ts';

/** The decorators modelled on a method. */
const DECORATORS = new Set(['staticmethod', 'classmethod', 'property']);

/** A decorated `def` in a class body: the descriptor's expression, from the function's. */
export function decoratedMethod(
  c: Compiler,
  node: SyntaxNode,
  cls: string,
  method: (
    definition: SyntaxNode,
    isStatic: boolean,
  ) => { readonly name: string; readonly value: Expression },
): DecoratedMember {
  const parts = c.kids(node);
  const decorators = parts.filter((k) => k.name === 'Decorator');
  const definition = parts.find((k) => k.name === 'FunctionDefinition');
  if (definition === undefined) throw c.fail('a decorated class', node);
  if (decorators.length !== 1) throw c.fail('more than one decorator on a method', node);
  const decorator = decorators[0]!;
  const nameNodes = c.kids(decorator).filter((k) => k.name !== 'At');
  if (nameNodes.length === 3 && nameNodes[1]!.name === '.')
    return propertyCopy(c, decorator, definition, nameNodes, method);
  const kind = nameNodes.length === 1 ? c.text(nameNodes[0]!) : '';
  if (!DECORATORS.has(kind) || nameNodes[0]!.name !== 'VariableName')
    throw c.fail('this decorator on a method', decorator);
  if (c.moduleAssigned.has(kind)) throw c.fail(`a rebound '${kind}'`, decorator);
  const m = c.m;
  if (kind === 'property' && m.minor >= 12 && /\bgetrefcount\b/.test(c.text(definition)))
    throw c.fail('sys.getrefcount in a property getter on 3.12+', definition);
  const inner = method(definition, kind === 'staticmethod');
  const heap = m.heap;
  const value: Expression = (frame) => {
    const f = inner.value(frame);
    // _PyObject_MakeTpCall: the arguments tuple, then type_call.
    const args = heap.newTuple([f]);
    let o: ObjectHandle;
    try {
      if (kind === 'property') o = heap.newProperty(f);
      else {
        o = heap.newMethodWrapper(kind as 'staticmethod' | 'classmethod', f);
        if (m.minor >= 10) copyFunctionAttributes(m, o, f, inner.name, `${cls}.${inner.name}`);
      }
    } finally {
      heap.decref(args);
      heap.decref(f);
    }
    return o;
  };
  return { name: inner.name, value };
}

/**
 * `@x.setter` / `@x.deleter` on `def x(…)`: LOAD_NAME x, LOAD_ATTR makes the bound
 * builtin method (a PyCFunctionObject: its own block on 3.9–3.13, from the free list on
 * 3.8 and 3.14),
 * MAKE_FUNCTION, then property_setter / property_deleter → property_copy: the type is
 * called with `(fget, fset, fdel, doc)` (_PyObject_MakeTpCall's 4-tuple, None for an
 * absent function or the doc) and property_init makes the new property; the tuple is
 * released, then the function's and the bound method's stack references; STORE_NAME
 * then frees the old property (the caller replaces it). `x` must name a property made
 * earlier in the same class body.
 */
function propertyCopy(
  c: Compiler,
  decorator: SyntaxNode,
  definition: SyntaxNode,
  nameNodes: readonly SyntaxNode[],
  method: (
    definition: SyntaxNode,
    isStatic: boolean,
  ) => { readonly name: string; readonly value: Expression },
): DecoratedMember {
  const accessor = c.text(nameNodes[2]!);
  const target = c.text(nameNodes[0]!);
  if (nameNodes[0]!.name !== 'VariableName' || (accessor !== 'setter' && accessor !== 'deleter'))
    throw c.fail('this decorator on a method', decorator);
  const inner = method(definition, false);
  if (inner.name !== target)
    throw c.fail(`@${target}.${accessor} on a method of another name`, decorator);
  const m = c.m;
  const heap = m.heap;
  const L = heap.layout;
  const boundBytes = L.gcHeader + L.objectHeader + 5 * L.pointerSize;
  const update = (frame: Frame, old: ObjectHandle): ObjectHandle => {
    if (heap.typeOf(old) !== 'property')
      throw new Unsupported(`@${target}.${accessor} on other than a property`);
    let o: ObjectHandle = 0;
    const copy = (): void => {
      const f = inner.value(frame);
      const [fget, fset, fdel] = heap.propertyFunctions(old);
      const none = heap.newNone();
      const get = fget === 0 ? none : fget;
      const set = accessor === 'setter' ? f : fset === 0 ? none : fset;
      const del = accessor === 'deleter' ? f : fdel === 0 ? none : fdel;
      const args = heap.newTuple([get, set, del, none]);
      heap.decref(none);
      try {
        o = heap.newProperty(
          fget,
          accessor === 'setter' ? f : fset,
          accessor === 'deleter' ? f : fdel,
        );
      } finally {
        heap.decref(args);
        heap.decref(f);
      }
    };
    // 3.8's and 3.14's PyCFunction free lists hand the bound method an object start-up
    // left there (PyCFunction_NewEx / PyCMethod_New); 3.9–3.13 allocate its block.
    if (m.minor >= 9 && m.minor <= 13) heap.transientBlock(boundBytes, copy);
    else copy();
    return o;
  };
  return { name: inner.name, value: () => 0, update };
}

/** A decorated method's member: `update` (for `@x.setter`) replaces the previous `x`. */
export interface DecoratedMember {
  /** The name stored in the class namespace. */
  readonly name: string;
  /** The new value (not used when `update` is given). */
  readonly value: Expression;
  /** The new value made from the previous one under the name (borrowed). */
  readonly update?: (frame: Frame, previous: ObjectHandle) => ObjectHandle;
}

/** functools_wraps (3.10+): the wrapper's new `__dict__` gets five of the function's attributes. */
function copyFunctionAttributes(
  m: Machine,
  o: ObjectHandle,
  f: ObjectHandle,
  name: string,
  qualified: string,
): void {
  const heap = m.heap;
  const values: [string, () => ObjectHandle][] = [
    ['__module__', () => heap.identifier('__main__')],
    ['__name__', () => heap.identifier(name)],
    ['__qualname__', () => heap.identifier(qualified)],
    ['__doc__', () => heap.newNone()],
    [
      '__annotations__',
      () => {
        const a = heap.functionAnnotations(f);
        heap.incref(a);
        return a;
      },
    ],
  ];
  // 3.14 copies four: no `__annotations__` (measured in Pyodide 3.14.2).
  if (m.minor >= 14) values.pop();
  let dict = 0;
  for (const [key, get] of values) {
    const v = get();
    if (dict === 0) {
      // _PyObjectDict_SetItem: the first store makes the dict.
      dict = heap.newDict();
      heap.setMethodWrapperField(o, dict);
    }
    const k = heap.identifier(key);
    heap.dictSetItem(dict, k, v);
    heap.decref(k);
    heap.decref(v);
  }
}

/**
 * Attribute `name` found on the class as `d` (borrowed), read through `o` (an instance,
 * or the class itself when `cls === o`): the descriptor's result (a new reference), or
 * undefined when `d` is none of these descriptors.
 */
export function descriptorGet(
  m: Machine,
  d: ObjectHandle,
  o: ObjectHandle,
  cls: ObjectHandle,
  call: (f: ObjectHandle, self: ObjectHandle) => ObjectHandle,
): ObjectHandle | undefined {
  const heap = m.heap;
  const type = heap.typeOf(d);
  if (type === 'staticmethod') {
    const f = heap.wrappedCallable(d);
    heap.incref(f);
    return f;
  }
  if (type === 'classmethod') return heap.newBoundMethod(heap.wrappedCallable(d), cls);
  if (type === 'property') {
    if (o === cls) {
      heap.incref(d);
      return d;
    }
    return call(heap.wrappedCallable(d), o);
  }
  return undefined;
}

/** True when `d` (a class attribute) is a property: it comes before the instance's own. */
export function isProperty(m: Machine, d: ObjectHandle): boolean {
  return d !== 0 && m.heap.typeOf(d) === 'property';
}
