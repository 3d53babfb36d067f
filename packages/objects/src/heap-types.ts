/**
 * Mortal classes: a class statement's heap type as a real GC object that can die
 * (`newClass(…, { mortal: true })`), with the objects CPython gives it:
 *
 *   type C ──tp_dict──► dict {__module__, [3.13+ __firstlineno__, __static_attributes__],
 *     │ ▲                     namespace…, __doc__, __dict__ ─► getset, __weakref__ ─► getset}
 *     │ ├──────────────── getset descriptors' d_type (one per descriptor)
 *     │ └──────────────── tp_mro (C, object)  ◄──tp_mro
 *     ├──tp_bases──► (object,)        tp_base ──► object (static, not GC-tracked)
 *     └──ht_cached_keys: 3.8–3.10 the instances' 8-slot keys (shared-keys.ts);
 *                        3.11+ a 64-slot unicode keys table made with the class
 *
 * A class with bases (`bases`: the program's mortal classes) has tp_bases `(A, B)`,
 * tp_base the first base, tp_mro its C3 linearisation, and no descriptors of its own
 * (type_new adds `__dict__`/`__weakref__` only when the base has none): `class B(A):
 * pass; del B; gc.collect()` finds 3 objects — type, mro, bases; its dict holds only
 * strs and None and is untracked (measured on 3.8–3.13 through `pymem run`,
 * tests/programs/run/cls_gc_subclass_dies.py).
 *
 * A class deriving from a builtin exception class (`exceptionBases`, its chain nearest
 * first) has tp_bases `(ValueError,)`, tp_mro `(E, ValueError, Exception,
 * BaseException, object)` — the builtin classes static, untracked types — and only a
 * `__weakref__` descriptor (BaseException has a dict slot, no weak list); 3.11+ make it
 * no cached keys (its dict is not managed). Measured: `sys.getsizeof(E)` 1064 / 1072 /
 * 920 / 936 / 944 on 3.8–3.9 / 3.10 / 3.11 / 3.12 / 3.13; `del E; gc.collect()` 4.
 *
 * So a class is in a cycle with its mro tuple and its descriptors, and dropping the
 * last outside reference leaves garbage only the collector frees: `class C: pass;
 * del C; gc.collect()` finds 6 objects on 3.8–3.13 (type, dict, mro, bases, two
 * descriptors); on 3.14 (Pyodide 3.14.2) 5, its collector untracking the all-atomic
 * bases tuple first (measured, tests/gc-heap.live.test.ts).
 *
 * Sizes: the type block is GC header + `type.__basicsize__` + `type.__itemsize__`
 * (PyType_GenericAlloc allocates nitems + 1 member slots; nitems is 0 without
 * `__slots__`); `sys.getsizeof(C)` adds the cached keys (type___sizeof__). The
 * basic sizes below are measured (`type.__basicsize__`) on 3.8.18–3.13.0 and Pyodide
 * 3.14.2 (wasm32: 468), and the type block and the keys table are among the blocks
 * tracemalloc sees a class statement allocate (tests/gc-heap-types.live.test.ts, with
 * getsizeof of every part); 3.14 on 64-bit pointers is 936, from the source only
 * (PyHeapTypeObject gains `ht_token` over 3.13, Include/cpython/object.h), twice the
 * measured wasm32 size as every other member is pointer-sized there too.
 *
 * Invariants: a live mortal class owns one reference to each of its dict, bases and
 * (until type_clear) mro, and to the static `object`; its descriptors and its mro
 * each hold one reference to it; its instances one each (newInstance).
 *
 * Order of creation follows type_new (Objects/typeobject.c 3.8–3.13): bases tuple,
 * the namespace's copy, the type object, the mro (mro_internal), the descriptors
 * (add_getset), the cached keys; from the source, not measured. A docstring (a str
 * `__doc__` in the namespace) is copied into tp_doc, a PyObject_Malloc'd block of its
 * length + 1 made right after the type object (type_new_set_doc) and freed in
 * type_dealloc after the mro. The dict's exact
 * growth as PyDict_Copy makes it, the class's name and qualname strings, and
 * the weak reference in `object.__subclasses__()`'s registry are not modelled.
 * Models type_traverse, type_clear, type_dealloc and descr_traverse/descr_dealloc
 * (Objects/typeobject.c, Objects/descrobject.c, 3.8–3.14).
 */
import { dictKeysBytes } from './dict-keys.ts';
import {
  dictDelItem,
  dictSetItem,
  freeKeysBlock,
  newDict,
  newKeysBlock,
  releaseSharedKeys,
} from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { ClassData } from './instances.ts';
import { Flag } from './internal/table.ts';
import { identifier } from './interned.ts';
import { newInt } from './ints.ts';
import { newList } from './lists.ts';
import { newMethodWrapper } from './method-wrappers.ts';
import { newClassKeys, sharedKeysBytes } from './shared-keys.ts';
import { newTuple } from './tuples.ts';
import { isGcType, TYPE_CODE } from './types.ts';
import { clearWeakrefsTo, newWeakref } from './weakrefs.ts';

/** What a mortal class owns besides its block (ClassData.heapType). */
export interface HeapTypeParts {
  /** tp_dict. */
  dict: ObjectHandle;
  /** tp_bases: `(object,)`. */
  bases: ObjectHandle;
  /** tp_mro: `(C, object)`; 0 once type_clear dropped it. */
  mro: ObjectHandle;
  /** tp_base: the static `object`. */
  readonly base: ObjectHandle;
  /** 3.11+: the cached keys block (ht_cached_keys); 0 when none. */
  keysAddress: number;
  /** tp_doc: the docstring's copy (PyObject_Malloc'd, strlen + 1 bytes); 0 when none. */
  docAddress: number;
  /**
   * add_subclass's entries, one per tp_bases item in order: the key (an int of the
   * class's address) and the weakref to the class stored under it. A static base's
   * registry (`object`'s subclasses) is not modelled, so its key and weakref keep one
   * external reference each; a program base's registry is its `subclasses` dict.
   */
  readonly registry: {
    readonly base: ObjectHandle;
    readonly key: ObjectHandle;
    readonly ref: ObjectHandle;
  }[];
  /**
   * tp_subclasses: this class's subclasses' registry (key int → weakref; type_traverse
   * does not visit it, so its reference is counted as an external one); 0 when none.
   */
  subclasses: ObjectHandle;
  /**
   * ht_slots: the sorted slot names of a `__slots__` class (a tuple type_traverse does
   * not visit: its reference is counted as an external one); 0 when none.
   */
  slots: ObjectHandle;
}

/** A getset descriptor's references (PyDescr_COMMON): d_type and d_name. */
interface DescriptorData {
  type: ObjectHandle;
  name: ObjectHandle;
}

/** `type.__basicsize__` (sizeof(PyHeapTypeObject)) on 64-bit pointers by minor version. */
const HEAP_TYPE_BASIC_64: Readonly<Record<number, number>> = {
  8: 880,
  9: 880,
  10: 888,
  11: 904,
  12: 920,
  13: 928,
  14: 936,
};

/** log2 of the keys table 3.11+ makes with a class (_PyDict_NewKeysForClass). */
const CLASS_KEYS_LOG2 = 6;

const STATIC_TYPES = new WeakMap<HeapCore, Map<string, ObjectHandle>>();

/**
 * A static builtin type by name (`object`, `Exception`, `ValueError`, …): pre-existing,
 * not GC-tracked (type_is_gc is false for a static type).
 */
function staticType(heap: HeapCore, name: string): ObjectHandle {
  let types = STATIC_TYPES.get(heap);
  if (types === undefined) {
    types = new Map();
    STATIC_TYPES.set(heap, types);
  }
  let h = types.get(name);
  if (h === undefined) {
    const t = heap.table;
    h = t.allocateSlot(TYPE_CODE.type);
    t.address[h] = heap.nextStaticAddress();
    t.flags[h] = Flag.STATIC | Flag.CACHED;
    t.refcnt[h] = 1;
    t.payload[h] = { name };
    types.set(name, h);
  }
  return h;
}

/** The static `object` type. */
function objectType(heap: HeapCore): ObjectHandle {
  return staticType(heap, 'object');
}

/** True for a class made with `mortal: true` (a heap type that can die). */
export function isMortalClass(heap: HeapCore, cls: ObjectHandle): boolean {
  return (heap.table.payload[cls] as ClassData | undefined)?.heapType !== undefined;
}

/** The type object's request: GC header, `__basicsize__`, one `__itemsize__` member slot. */
export function heapTypeRequest(heap: HeapCore): number {
  const L = heap.layout;
  const basic64 = HEAP_TYPE_BASIC_64[L.minor];
  if (basic64 === undefined)
    throw new HeapError('unsupported', `heap types of 3.${L.minor} are not modelled`);
  const itemsize = 5 * L.pointerSize;
  return L.gcHeader + (basic64 * L.pointerSize) / 8 + itemsize;
}

/**
 * Makes the type object and its parts for `data` (see the module comment), with the
 * namespace's own items (new references taken) after `__module__`. Returns the class.
 */
export function newHeapType(
  heap: HeapCore,
  data: ClassData,
  namespace: readonly (readonly [string, ObjectHandle])[],
  baseClasses: readonly ObjectHandle[] = [],
  exceptionBases: readonly string[] = [],
): ObjectHandle {
  const L = heap.layout;
  const object = objectType(heap);
  // A class deriving from a builtin exception class: its base chain (nearest first)
  // as static types, ending before `object`.
  const builtinBases = exceptionBases.map((n) => staticType(heap, n));
  if (builtinBases.length > 0 && baseClasses.length > 0)
    throw new HeapError('unsupported', 'a builtin exception base beside other bases');
  for (const [, v] of namespace) heap.check(v);
  const doc = namespace.find(([name]) => name === '__doc__')?.[1];
  const docBytes =
    doc !== undefined && heap.typeName(doc) === 'str'
      ? docCopyBytes(heap.table.payload[doc] as string)
      : 0;
  for (const b of baseClasses) {
    const parts = (heap.table.payload[b] as ClassData | undefined)?.heapType;
    if (heap.typeName(b) !== 'type' || parts === undefined || parts.mro === 0)
      throw new HeapError('unsupported', 'a base other than a live mortal class');
    if (!(heap.table.payload[b] as ClassData).hasDict)
      throw new HeapError('unsupported', 'a base without __dict__');
  }
  const baseMros = baseClasses.map((b) =>
    heap.items((heap.table.payload[b] as ClassData).heapType!.mro),
  );
  const tail = c3Merge([...baseMros, [...baseClasses]]);
  if (!data.hasDict && baseClasses.length > 0)
    throw new HeapError('unsupported', 'a __slots__ class with bases');
  // PyType_GenericAlloc(metatype, nslots): one PyMemberDef per slot after the type.
  const request = heapTypeRequest(heap) + data.slotNames.length * 5 * L.pointerSize;
  const bases = newTuple(
    heap,
    baseClasses.length > 0 ? baseClasses : builtinBases.length > 0 ? [builtinBases[0]!] : [object],
  );
  heap.table.external[bases]!--;
  const dict = newDict(heap);
  heap.table.external[dict]!--;
  const store = (name: string, v: ObjectHandle): void => {
    dictSetItem(heap, dict, identifier(heap, name), v);
  };
  store('__module__', identifier(heap, '__main__'));
  if (L.minor >= 13) {
    const line = newInt(heap, 1);
    store('__firstlineno__', line);
    heap.table.external[line]!--;
    heap.release(line);
    store('__static_attributes__', heap.emptyTuple);
  }
  for (const [name, v] of namespace) store(name, v);
  // A docstring is already the namespace's `__doc__`; type_ready stores None otherwise.
  if (doc === undefined) store('__doc__', heap.none);
  let slots = 0;
  if (!data.hasDict) {
    // type_new: the names in a list, sorted, then a tuple (ht_slots); the list is freed.
    const names = data.slotNames.map((n) => identifier(heap, n));
    const list = newList(heap, names);
    slots = newTuple(heap, names);
    heap.table.external[list]!--;
    heap.release(list);
  }
  const cls = heap.allocObject('type', heap.objMalloc(request));
  // tp_base: best_base, the first base when every base has the same layout.
  const base = baseClasses[0] ?? builtinBases[0] ?? object;
  heap.increment(base);
  // type_new_set_doc, right after the type: a str `__doc__` copied up to its first NUL.
  const docAddress = docBytes === 0 ? 0 : heap.objMalloc(docBytes);
  // type_new_staticmethod: a plain function `__new__` becomes a staticmethod in the
  // type's dict (the namespace keeps the function).
  const newFunction = namespace.find(([name]) => name === '__new__')?.[1];
  if (newFunction !== undefined && heap.typeName(newFunction) === 'function') {
    const wrapper = newMethodWrapper(heap, 'staticmethod', newFunction);
    dictSetItem(heap, dict, identifier(heap, '__new__'), wrapper);
    heap.table.external[wrapper]!--;
    heap.release(wrapper);
  }
  const parts: HeapTypeParts = {
    dict,
    bases,
    mro: 0,
    base,
    keysAddress: 0,
    docAddress,
    registry: [],
    subclasses: 0,
    slots,
  };
  heap.table.payload[cls] = { ...data, heapType: parts } satisfies ClassData;
  heap.track(cls);
  parts.mro = newTuple(
    heap,
    baseClasses.length === 0 ? [cls, ...builtinBases, object] : [cls, ...tail],
  );
  heap.table.external[parts.mro]!--;
  // add_members (a __slots__ class: one member descriptor per slot, the same size and
  // references as a getset descriptor), then add_getset: `__dict__` / `__weakref__`,
  // only for a class whose base has neither (BaseException has a dict, no weak list).
  const descriptors = !data.hasDict
    ? [...data.slotNames, ...(data.weakref ? ['__weakref__'] : [])]
    : baseClasses.length > 0
      ? []
      : builtinBases.length > 0
        ? ['__weakref__']
        : ['__dict__', '__weakref__'];
  for (const name of descriptors) {
    const d = newGetsetDescriptor(heap, cls, name);
    store(name, d);
    heap.table.external[d]!--;
    heap.release(d);
  }
  // PyType_Ready's last step: the class joins each base's registry of subclasses. (The
  // cached keys come after it on 3.8–3.11 and before it on 3.12+, where they are too
  // big for pymalloc: the order is the same for every pymalloc block.)
  for (const b of heap.items(bases)) addSubclass(heap, cls, b, parts);
  // 3.11+ make the keys only for a managed-dict class: not an exception class, whose
  // dict is BaseException's (measured: `class E(Exception)` is 920 bytes on 3.11).
  if (L.minor >= 11 && data.hasDict && data.exception !== true)
    parts.keysAddress = newKeysBlock(heap, CLASS_KEYS_LOG2, true);
  else if (data.hasDict && L.minor < 11)
    (heap.table.payload[cls] as ClassData).cachedKeys = newClassKeys(heap);
  return cls;
}

/**
 * add_subclass(base, cls): a new dict for a program base's first subclass
 * (tp_subclasses), the key (PyLong_FromVoidPtr of the class), the weakref
 * (PyWeakref_NewRef: the class's basic ref, shared by every base), then the entry.
 */
function addSubclass(
  heap: HeapCore,
  cls: ObjectHandle,
  base: ObjectHandle,
  parts: HeapTypeParts,
): void {
  const baseParts = (heap.table.payload[base] as ClassData | undefined)?.heapType;
  // type_traverse does not visit tp_subclasses: its reference counts as an external one.
  if (baseParts !== undefined && baseParts.subclasses === 0) baseParts.subclasses = newDict(heap);
  const key = newInt(heap, heap.table.address[cls]! + heap.layout.gcHeader);
  const ref = newWeakref(heap, cls);
  if (baseParts !== undefined) {
    dictSetItem(heap, baseParts.subclasses, key, ref);
    heap.table.external[ref]!--;
    heap.release(ref);
    heap.table.external[key]!--;
    heap.release(key);
  }
  parts.registry.push({ base, key, ref });
}

/**
 * remove_all_subclasses at the start of type_dealloc: for each base, a new key int to
 * find the entry (PyLong_FromVoidPtr again), the entry deleted (its key, then its
 * weakref), the new key released; 3.11+ drop a program base's registry once it is
 * empty (measured: a base's last subclass dying frees two more blocks on 3.11–3.13
 * than the one before it, the same count on 3.8–3.10).
 */
function removeSubclass(heap: HeapCore, cls: ObjectHandle, parts: HeapTypeParts): void {
  for (const { base, key, ref } of parts.registry) {
    const lookup = newInt(heap, heap.table.address[cls]! + heap.layout.gcHeader);
    const baseParts = (heap.table.payload[base] as ClassData | undefined)?.heapType;
    if (baseParts === undefined) {
      heap.table.external[key]!--;
      heap.release(key);
      heap.table.external[ref]!--;
      heap.release(ref);
    } else if (baseParts.subclasses !== 0) dictDelItem(heap, baseParts.subclasses, lookup);
    heap.table.external[lookup]!--;
    heap.release(lookup);
    if (
      baseParts !== undefined &&
      heap.layout.minor >= 11 &&
      baseParts.subclasses !== 0 &&
      heap.table.length[baseParts.subclasses] === 0
    ) {
      const dict = baseParts.subclasses;
      baseParts.subclasses = 0;
      heap.table.external[dict]!--;
      heap.release(dict);
    }
  }
  parts.registry.length = 0;
}

/**
 * tp_doc's request for a docstring: its UTF-8 bytes up to the first NUL, plus the NUL.
 * A docstring beyond ASCII is refused: PyUnicode_AsUTF8 would first give the str a
 * UTF-8 copy of its own (another block).
 */
function docCopyBytes(text: string): number {
  const end = text.indexOf('\0');
  const kept = end < 0 ? text : text.slice(0, end);
  if ([...kept].some((ch) => ch.charCodeAt(0) > 0x7f))
    throw new HeapError('unsupported', 'a class docstring beyond ASCII (its UTF-8 copy)');
  return kept.length + 1;
}

/**
 * The C3 linearisation's merge (mro_implementation, Objects/typeobject.c): repeatedly
 * the first head that is in no other list's tail.
 * @throws HeapError('unsupported') when no consistent order exists (a TypeError in CPython)
 */
function c3Merge(lists: readonly (readonly ObjectHandle[])[]): ObjectHandle[] {
  const rest = lists.map((l) => [...l]).filter((l) => l.length > 0);
  const out: ObjectHandle[] = [];
  while (rest.length > 0) {
    const head = rest.map((l) => l[0]!).find((h) => rest.every((l) => l.indexOf(h) <= 0));
    if (head === undefined)
      throw new HeapError('unsupported', 'no consistent method resolution order');
    out.push(head);
    for (const l of rest) if (l[0] === head) l.shift();
    for (let i = rest.length - 1; i >= 0; i--) if (rest[i]!.length === 0) rest.splice(i, 1);
  }
  return out;
}

/** PyDescr_NewGetSet: a GC-tracked descriptor holding its type and its name. */
function newGetsetDescriptor(heap: HeapCore, cls: ObjectHandle, name: string): ObjectHandle {
  const L = heap.layout;
  const d = heap.allocObject(
    'getset_descriptor',
    heap.objMalloc(heap.gcRequest(L.objectHeader + 4 * L.pointerSize)),
  );
  const nameStr = identifier(heap, name);
  heap.increment(cls);
  heap.increment(nameStr);
  heap.table.payload[d] = { type: cls, name: nameStr } satisfies DescriptorData;
  heap.track(d);
  return d;
}

/** `sys.getsizeof` of a mortal class (type___sizeof__: the type plus its cached keys). */
export function heapTypeSizeof(heap: HeapCore, cls: ObjectHandle): number {
  const L = heap.layout;
  const c = heap.table.payload[cls] as ClassData;
  const base = heapTypeRequest(heap) - 5 * L.pointerSize;
  const parts = c.heapType!;
  if (parts.keysAddress !== 0) return base + dictKeysBytes(L, CLASS_KEYS_LOG2, true);
  return base + (c.cachedKeys === null ? 0 : sharedKeysBytes(heap, c.cachedKeys));
}

/** `sys.getsizeof` of a getset descriptor. */
export function descriptorSizeof(heap: HeapCore): number {
  return heap.gcRequest(heap.layout.objectHeader + 4 * heap.layout.pointerSize);
}

/**
 * What a class or descriptor holds: type_traverse's dict, mro, bases, base; a
 * descriptor's d_type (descr_traverse) and then d_name (a str, which no collector
 * visit could matter to).
 */
export function heapTypeReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) === 'getset_descriptor') {
    const d = heap.table.payload[o] as DescriptorData;
    return [d.type, d.name];
  }
  const parts = (heap.table.payload[o] as ClassData).heapType;
  if (parts === undefined) return [];
  return [parts.dict, parts.mro, parts.bases, parts.base].filter((r) => r !== 0);
}

/**
 * type_clear (3.8–3.14): PyType_Modified, then the dict emptied (PyDict_Clear, through
 * `clearDict`), ht_module (NULL for a class statement), then tp_mro dropped. The
 * cached keys are released in type_dealloc here; whether type_clear drops them first
 * on some version is not checked (no collection count depends on it).
 */
export function clearHeapType(
  heap: HeapCore,
  cls: ObjectHandle,
  clearDict: (d: ObjectHandle) => void,
): void {
  const parts = (heap.table.payload[cls] as ClassData).heapType;
  if (parts === undefined) return;
  if (parts.dict !== 0) clearDict(parts.dict);
  const mro = parts.mro;
  parts.mro = 0;
  if (mro !== 0) heap.release(mro);
}

/**
 * type_dealloc / descr_dealloc once the count reached zero: untracked, references
 * released (type: base, dict, bases, mro, tp_doc's block, then the cached keys; descriptor: type,
 * name), the block freed.
 */
export function deallocHeapType(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  if (heap.typeName(o) === 'getset_descriptor') {
    const d = heap.table.payload[o] as DescriptorData;
    heap.release(d.type);
    heap.release(d.name);
    heap.freeObject(o);
    return;
  }
  const c = heap.table.payload[o] as ClassData;
  const parts = c.heapType!;
  removeSubclass(heap, o, parts);
  if (heap.weakrefLists.size > 0) clearWeakrefsTo(heap, o);
  for (const r of [parts.base, parts.dict, parts.bases, parts.mro]) if (r !== 0) heap.release(r);
  parts.dict = 0;
  parts.bases = 0;
  parts.mro = 0;
  // tp_subclasses (3.8–3.10: still holding entries of subclasses that died).
  if (parts.subclasses !== 0) {
    const dict = parts.subclasses;
    parts.subclasses = 0;
    heap.table.external[dict]!--;
    heap.release(dict);
  }
  if (parts.docAddress !== 0) heap.memCall('free', parts.docAddress, 0, 'obj');
  parts.docAddress = 0;
  if (c.cachedKeys !== null) {
    releaseSharedKeys(heap, c.cachedKeys);
    c.cachedKeys = null;
  }
  if (parts.keysAddress !== 0) freeKeysBlock(heap, parts.keysAddress, CLASS_KEYS_LOG2, true);
  parts.keysAddress = 0;
  if (parts.slots !== 0) {
    heap.table.external[parts.slots]!--;
    heap.release(parts.slots);
    parts.slots = 0;
  }
  heap.freeObject(o);
}

/** `C.name = v` on a mortal class (type_setattro: a store into its dict; a new reference to `v`). */
export function classSetAttr(
  heap: HeapCore,
  cls: ObjectHandle,
  name: string,
  v: ObjectHandle,
): void {
  heap.expect(cls, 'type');
  heap.check(v);
  const parts = (heap.table.payload[cls] as ClassData).heapType;
  if (parts === undefined || parts.dict === 0)
    throw new HeapError('unsupported', 'only a mortal class has a modelled __dict__');
  dictSetItem(heap, parts.dict, identifier(heap, name), v);
}

/**
 * PyObject_IS_GC: a GC type's object, except a static type (type_is_gc: only heap
 * types are collected) — the model's `object`.
 */
export function objectIsGc(heap: HeapCore, o: ObjectHandle): boolean {
  if (!isGcType(heap.typeName(o))) return false;
  const types = STATIC_TYPES.get(heap);
  return (
    types === undefined || types.get((heap.table.payload[o] as { name?: string }).name ?? '') !== o
  );
}
