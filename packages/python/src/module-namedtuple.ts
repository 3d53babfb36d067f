/**
 * `collections.namedtuple` in `pymem run` (the objects: @pymem/objects namedtuples.ts).
 *
 *   P = collections.namedtuple('P', 'x y')     the class (field names split on spaces and
 *   P = collections.namedtuple('P', ['x', 'y'])  commas, or a list/tuple of strs)
 *   p = P(1, 2) / P(x=1, y=2)                  tuple_subtype_new: a new instance
 *   p.x, p[0], len(p), a, b = p, for x in p    its items (tuple's layout)
 *   repr(p), print(p)                          'P(x=1, y=2)'
 *   p == (1, 2), p < (1, 3), x in p            tuple's comparisons
 *   p._fields, P._fields                       the class's `_fields` tuple
 *   p._asdict()                                a new dict, field by field (3.8+: a dict)
 *   p._replace(x=5)                            a new instance
 *
 * Lib/collections/__init__.py makes the class with exec and many objects the model
 * does not see (the `__new__` function, `_tuplegetter` descriptors, the class dict):
 * `id()` is refused after `import collections` already; here sys.getsizeof and
 * sys.getrefcount of the class, of `_fields` and of the field-name strs are refused
 * (CPython's counts include references from that machinery), as is every other use
 * of the class (attributes other than `_fields` and `__name__`, subclassing, isinstance).
 * Refused too: `rename=`, `defaults=`, `module=`, invalid field names (their ValueError
 * is raised inside the library: its traceback has a library frame), `_replace` with an
 * unknown field, `_make`, and tracemalloc (the class's blocks are not modelled).
 *
 * Errors raised at the call, as the exec'd `__new__` binds its arguments: TypeError
 * `__new__() missing 1 required positional argument: 'y'` — the function's name is
 * `__new__` on 3.8, `<lambda>` on 3.9 and `P.__new__` from 3.10 (measured).
 * Models Lib/collections/__init__.py namedtuple (3.8–3.14) over tuple_subtype_new.
 */
import {
  type Heap,
  namedTupleClassData,
  namedTupleClassOf,
  newNamedTuple,
  newNamedTupleClass,
  type ObjectHandle,
} from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';

/** Python's keywords (keyword.kwlist; `__peg_parser__` aside), refused as field names. */
const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'False None True and as assert async await break class continue def del elif else ' +
    'except finally for from global if import in is lambda nonlocal not or pass raise ' +
    'return try while with yield'
  ).split(' '),
);

/** Each machine's handles whose counts include the library's references. */
const unvouched = new WeakMap<Machine, Set<ObjectHandle>>();

/** True for a namedtuple class, its `_fields` tuple or a field-name str (counts not CPython's). */
export function namedTupleCountUnknown(m: Machine, o: ObjectHandle): boolean {
  return unvouched.get(m)?.has(o) ?? false;
}

function fieldNamesOf(heap: Heap, spec: ObjectHandle): string[] {
  const t = heap.typeOf(spec);
  if (t === 'str')
    return (heap.valueOf(spec) as string)
      .replace(/,/g, ' ')
      .split(/\s+/)
      .filter((s) => s !== '');
  if (t !== 'list' && t !== 'tuple')
    throw new Unsupported(`namedtuple() field names given as a ${heap.typeNameOf(spec)}`);
  return heap.referents(spec).map((s) => {
    if (heap.typeOf(s) !== 'str') throw new Unsupported('a namedtuple field name other than a str');
    return heap.valueOf(s) as string;
  });
}

function checkName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || KEYWORDS.has(name))
    throw new Unsupported(
      `the namedtuple name ${JSON.stringify(name)} (a ValueError in the library)`,
    );
}

/** `collections.namedtuple(typename, field_names)`: a new class. */
export function namedtuple(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle> = new Map(),
): ObjectHandle {
  const heap = m.heap;
  if (keywords.size > 0) throw new Unsupported(`namedtuple(${[...keywords.keys()][0]}=…)`);
  if (args.length !== 2) throw new Unsupported(`namedtuple() with ${args.length} arguments`);
  if (heap.layout.minor >= 14)
    throw new Unsupported('namedtuple() on 3.14 (not yet measured against Pyodide)');
  if (m.modules.has('tracemalloc'))
    throw new Unsupported(
      'namedtuple() with tracemalloc (the class is not modelled block by block)',
    );
  if (heap.typeOf(args[0]!) !== 'str') throw new Unsupported('a namedtuple name other than a str');
  const name = heap.valueOf(args[0]!) as string;
  const names = fieldNamesOf(heap, args[1]!);
  checkName(name);
  for (const n of names) checkName(n);
  if (new Set(names).size !== names.length)
    throw new Unsupported('duplicate namedtuple field names (a ValueError in the library)');
  if (names.length === 0) throw new Unsupported('a namedtuple with no fields');
  // `tuple(map(_sys.intern, field_names))`: the interned strs, then the tuple.
  const strs = names.map((n) => heap.newStr(n, { interned: true }));
  const fields = heap.newTuple(strs);
  for (const s of strs) heap.decref(s);
  const cls = newNamedTupleClass(heap, name, names, fields);
  let set = unvouched.get(m);
  if (set === undefined) {
    set = new Set();
    unvouched.set(m, set);
  }
  set.add(cls);
  set.add(fields);
  for (const s of heap.referents(fields)) set.add(s);
  return cls;
}

/** The exec'd `__new__`'s name in its TypeErrors, per version. */
function newName(m: Machine, cls: string): string {
  const minor = m.heap.layout.minor;
  return minor <= 8 ? '__new__' : minor === 9 ? '<lambda>' : `${cls}.__new__`;
}

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * `P(*args, **kwargs)`: the arguments bound to the fields as the exec'd `__new__(_cls,
 * x, y)` binds them (its TypeErrors), then a new instance. Borrowed arguments; the
 * keyword values follow the positional ones in `values`.
 */
export function namedTupleCall(
  m: Machine,
  cls: ObjectHandle,
  values: readonly ObjectHandle[],
  keywords: readonly string[],
): ObjectHandle {
  const heap = m.heap;
  const data = namedTupleClassData(heap, cls);
  const fields = data.fieldNames;
  const fn = newName(m, data.name);
  const npos = values.length - keywords.length;
  if (npos > fields.length)
    throw new PythonError(
      'TypeError',
      `${fn}() takes ${fields.length + 1} positional arguments but ${npos + 1} were given`,
    );
  const bound: (ObjectHandle | 0)[] = fields.map((_, i) => (i < npos ? values[i]! : 0));
  keywords.forEach((k, j) => {
    const i = fields.indexOf(k);
    if (i < 0 || k === '_cls')
      throw new PythonError('TypeError', `${fn}() got an unexpected keyword argument '${k}'`);
    if (bound[i] !== 0)
      throw new PythonError('TypeError', `${fn}() got multiple values for argument '${k}'`);
    bound[i] = values[npos + j]!;
  });
  const missing = fields.filter((_, i) => bound[i] === 0);
  if (missing.length > 0)
    throw new PythonError(
      'TypeError',
      `${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoted(missing)}`,
    );
  return newNamedTuple(heap, cls, bound as ObjectHandle[]);
}

/** `p.name` on an instance (a `_tuplegetter`: its item) or `P.name` on the class. */
export function namedTupleAttribute(m: Machine, o: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const isClass = heap.typeOf(o) === 'namedtuple_type';
  const cls = isClass ? o : namedTupleClassOf(heap, o);
  const data = namedTupleClassData(heap, cls);
  if (name === '_fields') {
    heap.incref(data.fields);
    return data.fields;
  }
  if (isClass && name === '__name__') return heap.newStr(data.name);
  const i = data.fieldNames.indexOf(name);
  if (!isClass && i >= 0) {
    const item = heap.items(o)[i]!;
    heap.incref(item);
    return item;
  }
  throw new Unsupported(`the attribute .${name} of a namedtuple ${isClass ? 'class' : 'instance'}`);
}

/** `p._asdict()` / `p._replace(**kwds)` on an instance; a new reference. */
export function namedTupleMethod(
  m: Machine,
  o: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  const cls = namedTupleClassOf(heap, o);
  const data = namedTupleClassData(heap, cls);
  const items = heap.items(o);
  if (name === '_asdict') {
    if (args.length > 0 || keywords.size > 0) throw new Unsupported('_asdict() with arguments');
    // `dict(zip(self._fields, self))`: an empty dict, then one insert per field.
    const d = heap.newDict();
    const keys = heap.referents(data.fields);
    keys.forEach((k, i) => {
      heap.dictSetItem(d, k, items[i]!);
    });
    return d;
  }
  if (name === '_replace') {
    if (args.length > 0) throw new Unsupported('_replace() with positional arguments');
    for (const k of keywords.keys())
      if (!data.fieldNames.includes(k))
        throw new Unsupported(
          '_replace() of an unknown field (its error is raised in the library)',
        );
    const replaced = data.fieldNames.map((f, i) => keywords.get(f) ?? items[i]!);
    return newNamedTuple(heap, cls, replaced);
  }
  throw new Unsupported(`the method .${name}() of a namedtuple`);
}
