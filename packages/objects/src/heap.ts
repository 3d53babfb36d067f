/**
 * `Heap`: one interpreter's refcounted CPython objects on top of one pymalloc model —
 * the public face that composes the core (heap-core.ts: table, refcounts, object life
 * cycle, allocator calls) and the type families (ints.ts, strings.ts, tuples.ts,
 * lists.ts, dicts.ts, sets.ts, instances.ts, weakrefs.ts, functions.ts, iterators.ts),
 * deallocation and the trashcan (dealloc.ts), the free lists (free-lists.ts) and the
 * collector's view (graph.ts: Heap implements HeapGraph).
 *
 *   Heap ──extends──► HeapCore ── table (handles → columns), blocks, free lists
 *     │ newInt/newStr/newList/dictSetItem/…  →  one function per CPython operation
 *     │ sizeof/getrefcount/isTracked/referents  →  what Python's introspection reports
 *
 * Every object is memory obtained from an Obmalloc with the request sizes CPython uses
 * (object header with the GC pre-header via PyObject_GC_New / PyObject_Malloc; list
 * items, set tables and bytearray buffers as separate blocks; dict keys tables via
 * PyObject_Malloc, PyMem_Malloc from 3.13), grown with the same reallocs. A dead
 * object's handle is reused by a later object. The invariants are heap-core.ts's,
 * checked by validateHeap.
 *
 * Models Objects/{long,float,unicode,bytes,bytearray,tuple,list,dict,set}object.c,
 * Objects/{type,weakref,func,cell,class,range}object.c (see each family's file),
 * Objects/object.c (_Py_Dealloc, the trashcan) and Modules/gcmodule.c
 * (PyObject_GC_New / GC_Del), 3.8 to 3.14. 3.8–3.13 are checked against real
 * interpreters (sizes, allocator calls pointer for pointer, free order); 3.14 against
 * Pyodide's 32-bit build for sizes, tracking, refcounts and free lists, while its
 * 64-bit sizes, allocator calls and trashcan are from source only.
 */
import { clearFreeLists } from './clear-free-lists.ts';
import { counterExtra } from './counters.ts';
import { defaultDictExtra } from './default-dicts.ts';
import { dequeIteratorReferents, dequeReferents, dequeSizeof } from './deques.ts';
import { dictKeysBytes, usableFraction } from './dict-keys.ts';
import {
  type DictViewKind,
  dictViewReferents,
  dictViewSizeof,
  newDictView,
  newViewIterator,
  viewIteratorNext,
} from './dict-views.ts';
import {
  dictCopy,
  dictData,
  dictDelItem,
  dictFromKeys,
  dictItems,
  dictMerge,
  dictPopItem,
  dictSetItem,
  newDict,
  newDictFromType,
  newDictPresized,
} from './dicts.ts';
import {
  catchException,
  type ExceptionLayout,
  endExcept,
  exceptionAttributeNames,
  exceptionData,
  exceptionGetAttr,
  exceptionReferents,
  exceptionSetAttr,
  exceptionSizeof,
  newException,
  raiseException,
  setExceptionArgs,
  setExceptionContext,
  tracebackSizeof,
  unwindException,
} from './exceptions.ts';
import {
  type CodeObject,
  type CodeShape,
  callFunction,
  frameReferents,
  frameSizeof,
  getFrame,
  newCode,
  returnFromFunction,
  storeFast,
} from './frames.ts';
import type { FreeListCounts } from './free-lists.ts';
import { newFreshStr } from './fresh-str.ts';
import {
  functionIteratorReferents,
  functionIteratorSizeof,
  newFilter,
  newMap,
} from './function-iterators.ts';
import {
  cellSet,
  type FunctionOptions,
  functionAnnotations,
  functionBasic,
  functionData,
  functionDict,
  functionOrCellReferents,
  newBoundMethod,
  newCell,
  newFunction,
  setFunctionAnnotations,
} from './functions.ts';
import {
  callGenerator,
  generatorClose,
  generatorFrame,
  generatorNext,
  generatorRaise,
  generatorReferents,
  generatorSizeof,
  generatorStoreFast,
} from './generators.ts';
import { clearDict, clearObject, type HeapGraph } from './graph.ts';
import { HeapCore, type ItemIterator, type ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import {
  classSetAttr,
  descriptorSizeof,
  heapTypeReferents,
  heapTypeSizeof,
  isMortalClass,
  objectIsGc,
} from './heap-types.ts';
import {
  type ClassOptions,
  classData,
  delAttr,
  getAttr,
  instanceAttributeNames,
  instanceData,
  instanceDict,
  instanceReferents,
  newClass,
  newInstance,
  setAttr,
} from './instances.ts';
import { Flag } from './internal/table.ts';
import {
  type InternedDictState,
  identifier,
  intern,
  newInternedStr,
  setInternedDict,
} from './interned.ts';
import { newFloat, newInt } from './ints.ts';
import {
  iteratorNext,
  iteratorReferents,
  newIterator,
  newRange,
  sequenceIteratorLengthHint,
  strIteratorTypeName,
} from './iterators.ts';
import { accumulateReferents, accumulateSizeof, newAccumulate } from './itertools-accumulate.ts';
import {
  combinationsNext,
  combinationsReferents,
  combinationsSizeof,
  newCombinations,
} from './itertools-combinations.ts';
import {
  itertoolsNext,
  itertoolsReferents,
  itertoolsSizeof,
  newChain,
  newCount,
  newIslice,
  newRepeat,
  repeatLengthHint,
} from './itertools-objects.ts';
import {
  newPermutations,
  permutationsNext,
  permutationsReferents,
  permutationsSizeof,
} from './itertools-permutations.ts';
import { newProduct, productNext, productReferents, productSizeof } from './itertools-product.ts';
import { newStarmap, starmapReferents, starmapSizeof } from './itertools-starmap.ts';
import { newTakewhile, takewhileReferents, takewhileSizeof } from './itertools-takewhile.ts';
import {
  newZipLongest,
  zipLongestNext,
  zipLongestReferents,
  zipLongestSizeof,
} from './itertools-zip-longest.ts';
import { tableIdentity } from './key-identity.ts';
import {
  listAppendPreallocated,
  listAssignSlice,
  listClear,
  listDeleteItemInPlace,
  listDeleteSlice,
  listDeleteStepped,
  listInplaceRepeat,
  listInsert,
  listReorder,
  newListPreallocated,
} from './list-edit.ts';
import {
  type DictItemKind,
  listAppend,
  listDetachTail,
  listExtend,
  listExtendDict,
  listExtendSet,
  listFromItems,
  listPop,
  listPreallocate,
  listSetItem,
  newList,
} from './lists.ts';
import {
  appendLruLink,
  clearLruEntries,
  evictLruLink,
  type LruCacheData,
  type LruCacheKind,
  lruCacheData,
  lruCacheDict,
  lruCacheSizeof,
  lruLinkFields,
  lruLinkSizeof,
  lruReferents,
  newLruCache,
  touchLruLink,
} from './lru-caches.ts';
import {
  methodWrapperReferents,
  methodWrapperSizeof,
  newMethodWrapper,
  newProperty,
  propertyFunctions,
  setMethodWrapperField,
  wrappedCallable,
} from './method-wrappers.ts';
import {
  namedTupleClassData,
  namedTupleClassOf,
  namedTupleReferents,
  namedTupleSizeof,
} from './namedtuples.ts';
import {
  getterKeys,
  getterReferents,
  getterSizeof,
  newAttrgetter,
  newItemgetter,
} from './operator-getters.ts';
import {
  clearODictNodes,
  newODictIterator,
  odictExtra,
  odictIteratorNext,
  odictIteratorReferents,
  odictNodeReferents,
} from './ordered-dicts.ts';
import {
  newEnumerate,
  newZip,
  packedNext,
  packedReferents,
  packedSizeof,
} from './packed-iterators.ts';
import { newPartial, partialReferents, partialSizeof } from './partials.ts';
import { newRangeOf } from './range-objects.ts';
import { newReversed, reversedLengthHint, reversedNext } from './reverse-iterators.ts';
import { type SetOperator, setOperation, setOperationInPlace } from './set-operations.ts';
import {
  newSet,
  newSetFromSet,
  setAdd,
  setContains,
  setData,
  setDiscard,
  setMerge,
  setObject,
} from './sets.ts';
import { sharedKeysBytes } from './shared-keys.ts';
import { appendStr, strModifiable } from './str-append.ts';
import {
  bytearrayResize,
  bytesData,
  newBytearray,
  newBytes,
  newBytesOf,
  newStr,
  strBytes,
} from './strings.ts';
import { newSuper, superReferents, superSizeof } from './supers.ts';
import { newConstantTuple, newTuple, recycleTupleItem, resizeTuple } from './tuples.ts';
import { type ObjectType, TYPE_CODE } from './types.ts';
import { newWeakref, unlinkWeakref, weakrefData, weakrefsTo } from './weakrefs.ts';

export type { CodeObject, CodeShape } from './frames.ts';
export type { FreeListCounts } from './free-lists.ts';
export type { FunctionOptions } from './functions.ts';
export {
  DEEP_STATIC_REFCNT,
  type HeapOptions,
  type ItemIterator,
  type ObjectHandle,
} from './heap-core.ts';
export { HeapError } from './heap-error.ts';
export type { ClassOptions } from './instances.ts';

/** One interpreter's objects; see the module comment. */
export class Heap extends HeapCore implements HeapGraph {
  // ------------------------------------------------------------------ inspection

  /** The type of a live object. @throws HeapError('dead-object') */
  typeOf(o: ObjectHandle): ObjectType {
    this.check(o);
    return this.typeName(o);
  }

  /** Number of live objects, singletons included. */
  get liveCount(): number {
    return this.table.live;
  }

  /** `id(o)`: the object's address (its block plus the GC pre-header). */
  addressOf(o: ObjectHandle): number {
    this.check(o);
    const pre =
      this.typeName(o) === 'instance'
        ? classData(this, instanceData(this, o).cls).preHeader
        : this.preHeader(o);
    return this.table.address[o]! + pre;
  }

  /** The address of the block holding `o` (its GC header or pre-header included). */
  blockAddressOf(o: ObjectHandle): number {
    this.check(o);
    return this.table.address[o]!;
  }

  /** `sys.getsizeof(o)`. */
  sizeof(o: ObjectHandle): number {
    this.check(o);
    const t = this.table;
    const L = this.layout;
    const w = L.pointerSize;
    switch (this.typeName(o)) {
      case 'int':
      case 'bool':
        return L.intHeader + L.digitBytes * t.length[o]!;
      case 'NoneType':
      case 'NotImplementedType':
        return L.objectHeader;
      case 'float':
        return L.floatSize;
      case 'str': {
        // 3.12+ statically allocated latin-1 characters carry their UTF-8 form (2 bytes + NUL).
        const utf8 =
          t.allocated[o] === 1 && t.length[o] === 1 && t.flags[o]! & Flag.STATIC && L.minor >= 12
            ? 3
            : 0;
        return strBytes(this, t.length[o]!, t.allocated[o]!) + utf8;
      }
      case 'bytes':
        return L.bytesHeader + t.length[o]!;
      case 'bytearray':
        return L.bytearraySize + t.allocated[o]!;
      case 'tuple':
        return L.gcHeader + L.tupleBasic + w * t.length[o]!;
      case 'list':
        return L.gcHeader + L.listBasic + w * t.allocated[o]!;
      case 'defaultdict':
        return this.dictSizeof(o) + defaultDictExtra(this);
      case 'Counter':
        return this.dictSizeof(o) + counterExtra(this);
      case 'OrderedDict':
        return this.dictSizeof(o) + odictExtra(this, o);
      case 'odict_iterator':
        return L.gcHeader + L.objectHeader + 6 * w;
      case 'dict':
        return this.dictSizeof(o);
      case 'instance': {
        // 3.13+: __sizeof__ is the basic size only, the inline values are left out.
        const c = classData(this, instanceData(this, o).cls);
        return c.preHeader + c.basic;
      }
      case 'type':
        if (isMortalClass(this, o)) return heapTypeSizeof(this, o);
        throw new HeapError('unsupported', 'class objects are pre-existing: size not modelled');
      case 'getset_descriptor':
        return descriptorSizeof(this);
      case 'weakref':
        return L.gcHeader + L.objectHeader + 5 * w + (L.minor >= 11 ? w : 0);
      case 'function':
        return L.gcHeader + functionBasic(this);
      case 'cell':
        return L.gcHeader + L.objectHeader + w;
      case 'method':
        return L.gcHeader + L.objectHeader + 4 * w;
      case 'frame':
        return frameSizeof(this, o);
      case 'generator':
      case 'coroutine':
        return generatorSizeof(this, o);
      case 'exception':
        return exceptionSizeof(this, o);
      case 'traceback':
        return tracebackSizeof(this);
      case 'range':
        return L.objectHeader + 4 * w;
      case 'range_iterator':
        return L.objectHeader + (L.minor < 12 ? 4 : 3) * w;
      case 'list_iterator':
      case 'tuple_iterator':
      case 'str_iterator':
      case 'list_reverseiterator':
      case 'reversed':
        return L.gcHeader + L.objectHeader + 2 * w;
      case 'dict_keyiterator':
        return L.gcHeader + L.objectHeader + 5 * w;
      case 'set_iterator':
        return L.gcHeader + L.objectHeader + 4 * w;
      case 'staticmethod':
      case 'classmethod':
      case 'property':
        return methodWrapperSizeof(this, o);
      case 'dict_keys':
      case 'dict_values':
      case 'dict_items':
      case 'odict_keys':
      case 'odict_values':
      case 'odict_items':
      case 'dict_valueiterator':
      case 'dict_itemiterator':
        return dictViewSizeof(this, o);
      case 'enumerate':
      case 'zip':
        return packedSizeof(this, o);
      case 'map':
      case 'filter':
        return functionIteratorSizeof(this, o);
      case 'deque':
        return dequeSizeof(this, o);
      case 'deque_iterator':
        return L.gcHeader + L.objectHeader + 5 * w;
      case 'partial':
        return partialSizeof(this);
      case 'itemgetter':
      case 'attrgetter':
        return getterSizeof(this, o);
      case 'namedtuple':
        return namedTupleSizeof(this, o);
      case 'namedtuple_type':
        throw new HeapError('unsupported', 'the size of a namedtuple class');
      case 'builtin_function_or_method':
      case 'builtin_type':
        throw new HeapError('unsupported', 'the size of a builtin');
      case '_lru_cache_wrapper':
        return lruCacheSizeof(this);
      case 'lru_list_elem':
        return lruLinkSizeof(this);
      case 'count':
      case 'repeat':
      case 'chain':
      case 'islice':
        return itertoolsSizeof(this, o);
      case 'super':
        return superSizeof(this);
      case 'combinations':
        return combinationsSizeof(this, o);
      case 'product':
        return productSizeof(this, o);
      case 'zip_longest':
        return zipLongestSizeof(this);
      case 'permutations':
        return permutationsSizeof(this, o);
      case 'accumulate':
        return accumulateSizeof(this);
      case 'starmap':
        return starmapSizeof(this);
      case 'takewhile':
        return takewhileSizeof(this);
      case 'set':
      case 'frozenset': {
        const mask = setData(this, o).table.mask;
        return L.gcHeader + L.setBasic + (mask + 1 > L.setMinSize ? (mask + 1) * L.setEntry : 0);
      }
    }
  }

  /** dict_sizeof (_PyDict_SizeOf) with the GC header, for a dict's basic size. */
  private dictSizeof(o: ObjectHandle): number {
    const L = this.layout;
    const w = L.pointerSize;
    const d = dictData(this, o);
    if (d.sharedKeys !== undefined) {
      // _PyDict_SizeOf, 3.8–3.10: USABLE_FRACTION(dk_size) values, and the keys
      // table too once this dict is the only one holding it (dk_refcnt 1).
      const keys = d.sharedKeys;
      const table = keys.refcnt === 1 ? sharedKeysBytes(this, keys) : 0;
      return L.gcHeader + L.dictBasic + usableFraction(2 ** keys.log2Size) * w + table;
    }
    if (d.sharedBy !== undefined) {
      // The class's shared keys' nentries + usable at this moment, 3.11+ (measured).
      const c = classData(this, d.sharedBy);
      return L.gcHeader + L.dictBasic + (c.sharedNames.length + c.sharedUsable) * w;
    }
    const keys = d.log2Size === 0 ? 0 : dictKeysBytes(L, d.log2Size, d.unicode);
    return L.gcHeader + L.dictBasic + keys;
  }

  /**
   * What `sys.getrefcount(o)` prints for an object passed from a name: the count plus
   * the argument's own reference — except on 3.14, whose interpreter passes a borrowed
   * reference (measured on Pyodide 3.14.2: an object held by one name reports 1).
   */
  getrefcount(o: ObjectHandle): number {
    this.check(o);
    const t = this.table;
    if (t.flags[o]! & Flag.IMMORTAL) return t.refcnt[o]!;
    return t.refcnt[o]! + (this.layout.minor >= 14 ? 0 : 1);
  }

  /**
   * True for the interpreter's pre-existing singletons (None, small ints, '', one-character
   * latin-1 strs, b'', one-byte bytes, (), frozenset() on 3.8/3.9) and code constants:
   * their counts include references from outside the model (immortal from 3.12).
   */
  isSingleton(o: ObjectHandle): boolean {
    this.check(o);
    return (this.table.flags[o]! & Flag.STATIC) !== 0;
  }

  /** `gc.is_tracked(o)`. */
  isTracked(o: ObjectHandle): boolean {
    this.check(o);
    return (this.table.flags[o]! & Flag.TRACKED) !== 0;
  }

  /** The objects `o` holds references to, in tp_traverse order (dict: key, value, …). */
  referents(o: ObjectHandle): ObjectHandle[] {
    this.check(o);
    const type = this.typeName(o);
    if (type === 'list' || type === 'tuple') return [...this.items(o)];
    if (type === 'dict' || type === 'defaultdict' || type === 'Counter' || type === 'OrderedDict') {
      const d = dictData(this, o);
      const pairs = [...d.entries.values()];
      // odict_traverse: each node's key, then dict_traverse.
      if (d.odict !== undefined) return [...odictNodeReferents(this, o), ...pairs.flat()];
      // defdict_traverse: the factory, then dict_traverse.
      const factory = d.defaultFactory ? [d.defaultFactory] : [];
      return d.sharedBy === undefined
        ? [...factory, ...pairs.flat()]
        : [...factory, ...pairs.map(([, v]) => v)];
    }
    if (type === 'instance') return instanceReferents(this, o);
    if (type === 'type' || type === 'getset_descriptor') return heapTypeReferents(this, o);
    if (type === 'function' || type === 'cell' || type === 'method')
      return functionOrCellReferents(this, o);
    if (
      type === 'dict_keys' ||
      type === 'dict_values' ||
      type === 'dict_items' ||
      type === 'odict_keys' ||
      type === 'odict_values' ||
      type === 'odict_items' ||
      type === 'dict_valueiterator' ||
      type === 'dict_itemiterator'
    )
      return dictViewReferents(this, o);
    if (type === 'odict_iterator') return odictIteratorReferents(this, o);
    if (type === 'enumerate' || type === 'zip') return packedReferents(this, o);
    if (type === 'map' || type === 'filter') return functionIteratorReferents(this, o);
    if (type === 'deque') return dequeReferents(this, o);
    if (type === 'deque_iterator') return dequeIteratorReferents(this, o);
    if (type === 'partial') return partialReferents(this, o);
    if (type === 'itemgetter' || type === 'attrgetter') return getterReferents(this, o);
    if (type === 'namedtuple' || type === 'namedtuple_type') return namedTupleReferents(this, o);
    if (type === '_lru_cache_wrapper' || type === 'lru_list_elem') return lruReferents(this, o);
    if (type === 'count' || type === 'repeat' || type === 'chain' || type === 'islice')
      return itertoolsReferents(this, o);
    if (type === 'super') return superReferents(this, o);
    if (type === 'combinations') return combinationsReferents(this, o);
    if (type === 'product') return productReferents(this, o);
    if (type === 'zip_longest') return zipLongestReferents(this, o);
    if (type === 'permutations') return permutationsReferents(this, o);
    if (type === 'accumulate') return accumulateReferents(this, o);
    if (type === 'starmap') return starmapReferents(this, o);
    if (type === 'takewhile') return takewhileReferents(this, o);
    if (type === 'staticmethod' || type === 'classmethod' || type === 'property')
      return methodWrapperReferents(this, o);
    if (type.endsWith('iterator') || type === 'range' || type === 'reversed')
      return iteratorReferents(this, o);
    if (type === 'weakref') {
      const callback = weakrefData(this, o).callback;
      return callback === 0 ? [] : [callback];
    }
    if (type === 'set' || type === 'frozenset') return setData(this, o).table.activeKeys();
    if (type === 'frame') return frameReferents(this, o);
    if (type === 'generator' || type === 'coroutine') return generatorReferents(this, o);
    if (type === 'exception' || type === 'traceback') return exceptionReferents(this, o);
    return [];
  }

  /** Python `len(o)` for str, bytes, bytearray, tuple, list, dict, set, frozenset. */
  lengthOf(o: ObjectHandle): number {
    const type = this.typeOf(o);
    if (type === 'dict' || type === 'defaultdict' || type === 'Counter' || type === 'OrderedDict')
      return dictData(this, o).entries.size;
    if (type === 'set' || type === 'frozenset') return setData(this, o).entries.size;
    return this.table.length[o]!;
  }

  /** The value of an int, bool or float object, the text of a str. */
  override valueOf(o: ObjectHandle): bigint | number | string | undefined {
    this.check(o);
    const p = this.table.payload[o];
    return typeof p === 'bigint' || typeof p === 'number' || typeof p === 'string' ? p : undefined;
  }

  /** Allocated slots of a list (`allocated`) or bytes of a bytearray (`ob_alloc`). */
  capacityOf(o: ObjectHandle): number {
    this.check(o);
    return this.table.allocated[o]!;
  }

  /** How many dead objects each free list holds (what `sys._debugmallocstats` lists). */
  freeListCounts(): FreeListCounts {
    return this.freeLists.counts();
  }

  // ------------------------------------------------------------------ refcounts

  /** `Py_INCREF` on behalf of the caller (an external reference). */
  incref(o: ObjectHandle): void {
    this.check(o);
    this.table.external[o]!++;
    this.increment(o);
  }

  /** `Py_DECREF` of one of the caller's references; deallocates at zero. */
  decref(o: ObjectHandle): void {
    this.check(o);
    if (this.table.external[o]! <= 0) {
      throw new HeapError(
        'no-reference',
        `decref of object ${o}, which the caller holds no reference to`,
      );
    }
    this.table.external[o]!--;
    this.release(o);
  }

  // ------------------------------------------------------------------ scalars (ints.ts, strings.ts)

  /** A new reference to the int `value` (a cached small int or a new PyLongObject). */
  newInt(value: number | bigint): ObjectHandle {
    return newInt(this, value);
  }

  /** A new reference to `True` or `False`. */
  newBool(value: boolean): ObjectHandle {
    return this.share(value ? this.true : this.false);
  }

  /** A new reference to `None`. */
  newNone(): ObjectHandle {
    return this.share(this.none);
  }

  /** A new reference to `NotImplemented` (_Py_NotImplementedStruct: static, like None). */
  newNotImplemented(): ObjectHandle {
    this.notImplemented ||= this.makeStatic('NotImplementedType', undefined);
    return this.share(this.notImplemented);
  }

  /**
   * A new reference to the builtin `name` as an object: a statically allocated type
   * (`str`, `int`, …: `kind` 'type') or a function of the builtins module (`len`, …:
   * made at start-up, before any block the model knows). Neither has a block; one
   * object per name. Their counts include the interpreter's own references, so they
   * are not the model's to report (isSingleton).
   */
  builtinObject(name: string, kind: 'type' | 'function'): ObjectHandle {
    let o = this.builtinObjects.get(name);
    if (o === undefined) {
      o = this.makeStatic(kind === 'type' ? 'builtin_type' : 'builtin_function_or_method', name);
      this.builtinObjects.set(name, o);
    }
    return this.share(o);
  }

  /** The name of a builtin made by {@link builtinObject}. */
  builtinName(o: ObjectHandle): string {
    const type = this.typeOf(o);
    if (type !== 'builtin_type' && type !== 'builtin_function_or_method')
      throw new HeapError('wrong-type', `expected a builtin, got a ${type}`);
    return this.table.payload[o] as string;
  }

  /** `PyFloat_FromDouble`: from the float free list when it has one. */
  newFloat(value: number): ObjectHandle {
    return newFloat(this, value);
  }

  /**
   * A str with the text `s` (`PyUnicode_New` compact form; singletons for '' and
   * latin-1 chars). With `interned` (PyUnicode_InternFromString): the interned str
   * for `s` — an existing one, or the new str joining the interned table (interned.ts).
   */
  newStr(s: string, options: { readonly interned?: boolean } = {}): ObjectHandle {
    return options.interned === true ? newInternedStr(this, s) : newStr(this, s);
  }

  /**
   * PyUnicode_Append(&left, right) of two strs: `left` grown in place when CPython may
   * (one reference, no cached hash, not interned: its block reallocated, the same
   * object), else a new str of both (str-append.ts). Consumes the caller's reference
   * to `left`; returns a new reference; `right` stays the caller's.
   */
  strAppend(left: ObjectHandle, right: ObjectHandle): ObjectHandle {
    this.expect(left, 'str');
    this.expect(right, 'str');
    return appendStr(this, left, right);
  }

  /** True when CPython could grow the str `s` in place (unicode_modifiable; str-append.ts). */
  strModifiable(s: ObjectHandle): boolean {
    this.expect(s, 'str');
    return strModifiable(this, s);
  }

  /**
   * Records that CPython computed and cached `s`'s hash (a str name looked up by
   * `getattr`): it can no longer grow in place. A dict or set key is marked by the
   * table itself.
   */
  noteStrHashed(s: ObjectHandle): void {
    if (this.typeName(s) === 'str') this.table.flags[s]! |= Flag.HASHED;
  }

  /**
   * `sys.intern(s)`: a new reference to the interned str with `s`'s text (`s` itself
   * when none was; mortal on 3.8–3.11 and 3.13+, immortal on 3.12). The caller keeps
   * its reference to `s`. @throws HeapError('wrong-type') unless `s` is a str
   */
  intern(s: ObjectHandle): ObjectHandle {
    return intern(this, s);
  }

  /**
   * Tells the model how full the interpreter's interned dict is (its table was made at
   * start-up); from then on interning new strs grows it as CPython does (interned.ts).
   * @throws HeapError('invalid-argument') for a state no keys table can have
   */
  setInternedDict(state: InternedDictState): void {
    setInternedDict(this, state);
  }

  /**
   * Marks the int `o` as an address `id()` returned. Where CPython's addresses fall
   * depends on its start-up state, so what only equality would not tell (their order,
   * their differences) is the caller's to refuse: {@link isAddress}. A new object in
   * the same slot starts unmarked.
   */
  markAddress(o: ObjectHandle): void {
    this.check(o);
    this.table.flags[o]! |= Flag.ADDRESS;
  }

  /**
   * The value of `o` when it is an int that is neither a bool nor an address
   * {@link markAddress} marked, else undefined: the operand check of the fast paths for
   * int arithmetic and comparisons.
   */
  plainInt(o: ObjectHandle): bigint | undefined {
    this.check(o);
    const t = this.table;
    return t.type[o] === TYPE_CODE.int && (t.flags[o]! & Flag.ADDRESS) === 0
      ? (t.payload[o] as bigint)
      : undefined;
  }

  /** True for an int {@link markAddress} marked. */
  isAddress(o: ObjectHandle): boolean {
    return (this.table.flags[o]! & Flag.ADDRESS) !== 0;
  }

  /** True for a str in the interned table (the singletons and identifiers included). */
  isInterned(o: ObjectHandle): boolean {
    this.check(o);
    return (
      (this.table.flags[o]! & Flag.INTERNED) !== 0 ||
      (this.isSingleton(o) && this.typeName(o) === 'str')
    );
  }

  /**
   * A new reference to the str of an identifier — a name held by a code object,
   * interned when the code was compiled: the interned str with that text, or a
   * pre-existing one (no block; immortal from 3.12).
   */
  identifier(name: string): ObjectHandle {
    return this.share(identifier(this, name));
  }

  /**
   * A bytes object of length n: `bytes(n)` (only b'' is shared), or with `fromData`
   * one built by copying existing bytes (PyBytes_FromStringAndSize: a one-byte result
   * is the cached character; the model keeps one such object for all 256 values).
   */
  newBytes(n: number, fromData = false): ObjectHandle {
    return newBytes(this, n, fromData);
  }

  /**
   * A bytes object holding `data` (one char per byte): PyBytes_FromStringAndSize. b'' is
   * the singleton. @throws HeapError('unsupported') for one byte (a cached character)
   */
  newBytesOf(data: string): ObjectHandle {
    return newBytesOf(this, data);
  }

  /** The bytes of a bytes object, one char per byte. */
  bytesData(o: ObjectHandle): string {
    this.expect(o, 'bytes');
    return bytesData(this, o);
  }

  /** `bytearray(n)`: the object, then PyByteArray_Resize to n (buffer of n + 1 bytes). */
  newBytearray(n: number): ObjectHandle {
    return newBytearray(this, n);
  }

  /** `bytearray.append`: PyByteArray_Resize(len + 1). */
  bytearrayAppend(b: ObjectHandle): void {
    this.expect(b, 'bytearray');
    bytearrayResize(this, b, this.table.length[b]! + 1);
  }

  // ------------------------------------------------------------------ tuple, list (tuples.ts, lists.ts)

  /** `PyTuple_New(n)` filled with new references to `items`. */
  newTuple(items: readonly ObjectHandle[]): ObjectHandle {
    return newTuple(this, items);
  }

  /**
   * Refills item `i` of a tuple nobody else holds (refcount 1): takes over the caller's
   * reference to `item` and releases the old item (recycleTupleItem).
   */
  tupleRecycleItem(tuple: ObjectHandle, i: number, item: ObjectHandle): void {
    this.expect(tuple, 'tuple');
    recycleTupleItem(this, tuple, i, item);
  }

  /**
   * `_PyTuple_Resize` of a tuple nobody else holds (refcount 1): the tuple after, which
   * may be another object (from `()`, or `()` itself for size 0) or the same one at a
   * new address (resizeTuple). Takes over `tuple`.
   */
  tupleResize(tuple: ObjectHandle, size: number): ObjectHandle {
    this.expect(tuple, 'tuple');
    return resizeTuple(this, tuple, size);
  }

  /**
   * A new reference to a tuple that exists outside the modelled allocations — a code
   * object's constant, made when the code was compiled. It takes no block of this
   * allocator; the code object's reference counts like a cache's (it is never freed).
   */
  newConstantTuple(items: readonly ObjectHandle[]): ObjectHandle {
    return newConstantTuple(this, items);
  }

  /**
   * `PyList_New(n)` filled with new references to `items` (BUILD_LIST n; allocated = n);
   * `fromType`: the object from the type's tp_alloc (`list()`), never the free list.
   */
  newList(items: readonly ObjectHandle[] = [], fromType = false): ObjectHandle {
    return newList(this, items, fromType);
  }

  /** `list.append(x)` (`app1` → list_resize(n + 1)). */
  listAppend(l: ObjectHandle, x: ObjectHandle): void {
    listAppend(this, l, x);
  }

  /**
   * `list.extend(source)`: a list or tuple handle takes the sized fast path; an
   * {@link ItemIterator} the iterator path (length-hint preallocation, appends, a
   * final trim). Models list_extend, Objects/listobject.c, 3.8–3.14.
   */
  listExtend(l: ObjectHandle, source: ObjectHandle | ItemIterator): void {
    listExtend(this, l, source);
  }

  /**
   * 3.13+ `list.extend(x)` of an exact dict (`keys`) or one of its views: see lists.ts
   * {@link listExtendDict}.
   */
  listExtendDict(l: ObjectHandle, d: ObjectHandle, which: DictItemKind = 'keys'): void {
    listExtendDict(this, l, d, which);
  }

  /** 3.13+ `list.extend(s)` / `list(s)` of a set or frozenset (list_extend_set, lists.ts). */
  listExtendSet(l: ObjectHandle, s: ObjectHandle): void {
    this.check(s);
    listExtendSet(this, l, s);
  }

  /**
   * `list(source)`: a new empty list, then list.__init__ (3.8/3.9 preallocate exactly
   * when the source has a length). `fromType`: the object from the type's tp_alloc,
   * bypassing the free list, as the `list` builtin does; else PyList_New's.
   */
  newListFrom(
    source: ObjectHandle | ItemIterator,
    sourceLength?: number,
    fromType = false,
  ): ObjectHandle {
    const l = newList(this, [], fromType);
    const n = typeof source === 'number' ? this.lengthOf(source) : sourceLength;
    if (this.layout.minor < 10 && n !== undefined && n > 0) listPreallocate(this, l, n);
    listExtend(this, l, source);
    return l;
  }

  /** `list.pop()`: returns the last item (the caller now owns that reference). */
  listPop(l: ObjectHandle): ObjectHandle {
    return listPop(this, l);
  }

  /** The last `n` items, taken out with their references, the allocation kept (see lists.ts listDetachTail). */
  listDetachTail(l: ObjectHandle, n: number): ObjectHandle[] {
    return listDetachTail(this, l, n);
  }

  /** `l[i] = x`: the old item is released after the new one is stored. */
  listSetItem(l: ObjectHandle, i: number, x: ObjectHandle): void {
    listSetItem(this, l, i, x);
  }

  /** `l.insert(i, x)` with `i` clamped to 0…len(l) (ins1). */
  listInsert(l: ObjectHandle, i: number, x: ObjectHandle): void {
    listInsert(this, l, i, x);
  }

  /** `del l[lo:hi]` with 0 ≤ lo ≤ hi ≤ len(l) (list_ass_slice; the whole list: _list_clear). */
  listDeleteSlice(l: ObjectHandle, lo: number, hi: number): void {
    listDeleteSlice(this, l, lo, hi);
  }

  /**
   * `del l[a:b:k]` for a step k ≠ 1 (list_ass_subscript): `positions` are the doomed
   * indices, increasing.
   */
  listDeleteStepped(l: ObjectHandle, positions: readonly number[]): void {
    listDeleteStepped(this, l, positions);
  }

  /** `del l[i]` on 3.13: the tail moves left, no resize, the item released last. */
  listDeleteItemInPlace(l: ObjectHandle, i: number): void {
    listDeleteItemInPlace(this, l, i);
  }

  /** `l[lo:hi] = items` with 0 ≤ lo ≤ hi ≤ len(l) (list_ass_slice with a value). */
  listAssignSlice(l: ObjectHandle, lo: number, hi: number, items: readonly ObjectHandle[]): void {
    listAssignSlice(this, l, lo, hi, items);
  }

  /** `l *= n` (list_inplace_repeat: list_resize(len × n), or _list_clear for n < 1). */
  listInplaceRepeat(l: ObjectHandle, n: number): void {
    listInplaceRepeat(this, l, n);
  }

  /** `l.clear()` (_list_clear: the array is dropped, then the items released last first). */
  listClear(l: ObjectHandle): void {
    listClear(this, l);
  }

  /** Moves the items to `order` (old indices by new position): list.reverse, list.sort. */
  listReorder(l: ObjectHandle, order: readonly number[]): void {
    listReorder(this, l, order);
  }

  /**
   * A block CPython takes for one call and frees after it (a bound method looked up to
   * be called once; with `domain` 'mem', a PyMem_Malloc scratch buffer): a malloc of
   * nbytes in that domain, `during`, then the free of the block.
   */
  transientBlock(
    nbytes: number,
    during: () => void = () => {},
    domain: 'obj' | 'mem' = 'obj',
  ): void {
    const block = this.memCall('malloc', 0, nbytes, domain);
    try {
      during();
    } finally {
      this.memCall('free', block, 0, domain);
    }
  }

  /** `PyList_New(allocated)` holding `items`, its size set to their count (str.split). */
  newListPreallocated(items: readonly ObjectHandle[], allocated: number): ObjectHandle {
    return newListPreallocated(this, items, allocated);
  }

  /** PyList_SET_ITEM into the next slot of a preallocated list (no resize). */
  listAppendPreallocated(l: ObjectHandle, x: ObjectHandle): void {
    listAppendPreallocated(this, l, x);
  }

  /** `l.copy()` / `l[:]`: list_slice, an exact allocation. */
  listCopy(l: ObjectHandle): ObjectHandle {
    this.expect(l, 'list');
    return listFromItems(this, [...this.items(l)]);
  }

  /** `l * n`: list_repeat, an exact allocation. */
  listRepeat(l: ObjectHandle, n: number): ObjectHandle {
    this.expect(l, 'list');
    const items = this.items(l);
    const out: ObjectHandle[] = [];
    for (let i = 0; i < n; i++) out.push(...items);
    return listFromItems(this, out);
  }

  // ------------------------------------------------------------------ dict (dicts.ts)

  /** `PyDict_New()`: shares the empty keys until the first insert. */
  newDict(): ObjectHandle {
    return newDict(this);
  }

  /**
   * `dict()` — calling the type (dict(…), dict.fromkeys, dict(**kw)): dict_new takes
   * the object from tp_alloc (never the free list); 3.8/3.9 give it a fresh 8-slot
   * keys table at once, 3.10+ the shared empty keys.
   */
  newDictFromType(): ObjectHandle {
    return newDictFromType(this);
  }

  /**
   * `dict.fromkeys(iterable, value)` of an exact dict, set or frozenset (dicts.ts): the
   * new dict, every key mapped to `value` (borrowed).
   */
  dictFromKeys(iterable: ObjectHandle, value: ObjectHandle): ObjectHandle {
    return dictFromKeys(this, iterable, value);
  }

  /** `_PyDict_NewPresized(n)` (BUILD_MAP, keyword arguments); `unicode`: all keys will be str (3.11+). */
  newDictPresized(n: number, unicode = false): ObjectHandle {
    return newDictPresized(this, n, unicode);
  }

  /** `d[k] = v` (PyDict_SetItem → insertdict). */
  dictSetItem(d: ObjectHandle, k: ObjectHandle, v: ObjectHandle): void {
    dictSetItem(this, d, k, v);
  }

  /**
   * `d.popitem()`: a new 2-tuple of the last pair, or 0 for an empty dict (its tuple made
   * and released first; the caller raises KeyError). @throws HeapError('unsupported')
   * after a deletion (dicts.ts).
   */
  dictPopItem(d: ObjectHandle): ObjectHandle {
    return dictPopItem(this, d);
  }

  /** `del d[k]`: the entry becomes a dummy (the table never shrinks here). */
  dictDelItem(d: ObjectHandle, k: ObjectHandle): void {
    dictDelItem(this, d, k);
  }

  /** A dict's (key, value) pairs in iteration order, borrowed (a 3.11+ instance dict's keys are its class's names). */
  dictItems(d: ObjectHandle): [ObjectHandle, ObjectHandle][] {
    this.check(d);
    return dictItems(this, d);
  }

  /** The value stored under `k` (a borrowed reference), or 0. */
  dictGet(d: ObjectHandle, k: ObjectHandle): ObjectHandle {
    this.expect(d, 'dict');
    const entries = dictData(this, d).entries;
    return entries.get(tableIdentity(this, k, 'dict', entries))?.[1] ?? 0;
  }

  /**
   * `d.copy()` (PyDict_Copy): clones the keys table when at most a third of its
   * entries are deleted, otherwise merges into a new dict.
   */
  dictCopy(d: ObjectHandle): ObjectHandle {
    return dictCopy(this, d);
  }

  /**
   * `target.update(other)` for a dict `other` (dict_merge): into an empty target,
   * a clean table is cloned (3.10+, measured: not on 3.9; for a minimum-size or
   * more-than-half-full table); otherwise one resize up front, then inserts.
   */
  dictMerge(target: ObjectHandle, other: ObjectHandle): void {
    dictMerge(this, target, other);
  }

  // ------------------------------------------------------------------ set (sets.ts)

  /** `set(items)` / `frozenset(items)` from a list of borrowed handles (iterator path: adds one by one). */
  newSet(items: readonly ObjectHandle[] = [], frozen = false): ObjectHandle {
    return newSet(this, items, frozen);
  }

  /** `set(other)` / `frozenset(other)` / `s.copy()` where `other` is a set: make_new_set → set_merge. */
  newSetFromSet(other: ObjectHandle, frozen = false): ObjectHandle {
    return newSetFromSet(this, other, frozen);
  }

  /** `s.add(k)` (set_add_entry). `frozenOk` lets constructors fill a frozenset. */
  setAdd(s: ObjectHandle, k: ObjectHandle, frozenOk = false): void {
    setAdd(this, s, k, frozenOk);
  }

  /** `a op= b` on a set `a`, in place (`|=` `-=` `^=` `&=`; set-operations.ts). */
  setOperationInPlace(op: SetOperator, a: ObjectHandle, b: ObjectHandle): void {
    setOperationInPlace(this, op, a, b);
  }

  /** make_new_set's empty set or frozenset (a new object, never frozenset()'s singleton). */
  newSetOfKind(frozen: boolean): ObjectHandle {
    return setObject(this, frozen);
  }

  /** `a op b` for two sets or frozensets (`|` `&` `-` `^`): a new set of `a`'s kind (set-operations.ts). */
  setOperation(op: SetOperator, a: ObjectHandle, b: ObjectHandle): ObjectHandle {
    return setOperation(this, op, a, b);
  }

  /** `k in s` for a set or frozenset (set_contains_key). @throws HeapError('unhashable') */
  setContains(s: ObjectHandle, k: ObjectHandle): boolean {
    return setContains(this, s, k);
  }

  /** `s.discard(k)`: the entry becomes a dummy. */
  setDiscard(s: ObjectHandle, k: ObjectHandle): void {
    setDiscard(this, s, k);
  }

  /**
   * `s.update(other)` with a set or frozenset (set_merge): one resize up front; an
   * empty table of the same size as a dummy-free `other` takes a slot-for-slot copy,
   * an empty one otherwise clean inserts, a non-empty one normal inserts.
   */
  setMerge(s: ObjectHandle, other: ObjectHandle): void {
    setMerge(this, s, other);
  }

  // ------------------------------------------------------------------ classes, instances (instances.ts)

  /** `class name: …` — a new reference to a pre-existing class (its type object is not allocated here). */
  newClass(name: string, options: ClassOptions = {}): ObjectHandle {
    return newClass(this, name, options);
  }

  /** `cls.name = v` on a mortal class (a store into its dict; heap-types.ts). */
  setClassAttr(cls: ObjectHandle, name: string, v: ObjectHandle): void {
    classSetAttr(this, cls, name, v);
  }

  /** PyObject_IS_GC: a GC type's object, except a static type such as `object`. */
  isGc(o: ObjectHandle): boolean {
    this.check(o);
    return objectIsGc(this, o);
  }

  /** `cls()`: a new instance (object, and the 3.11/3.12 values array), GC-tracked. */
  newInstance(cls: ObjectHandle): ObjectHandle {
    return newInstance(this, cls);
  }

  /**
   * `o.name = v`. On 3.8–3.10 a split dict may turn combined and the class re-share
   * or drop its cached keys (shared-keys.ts). @throws HeapError('unsupported') where a
   * 3.11+ split dict would turn combined
   */
  setAttr(o: ObjectHandle, name: string, v: ObjectHandle): void {
    setAttr(this, o, name, v);
  }

  /**
   * `del o.name`. On 3.8–3.10 a split dict turns combined and the class stops caching
   * keys (shared-keys.ts). @throws HeapError('index') when unset
   */
  delAttr(o: ObjectHandle, name: string): void {
    delAttr(this, o, name);
  }

  /** `o.name` as a borrowed reference, or 0 when unset. */
  getAttr(o: ObjectHandle, name: string): ObjectHandle {
    return getAttr(this, o, name);
  }

  /**
   * The names in an instance's `__dict__` or values area (no slots; unordered), or null
   * when a key of its dict is not a str.
   */
  instanceAttributeNames(o: ObjectHandle): string[] | null {
    return instanceAttributeNames(this, o);
  }

  /** `o.__dict__` (a new reference), made if there is none yet (instances.ts). */
  instanceDict(o: ObjectHandle): ObjectHandle {
    return instanceDict(this, o);
  }

  /**
   * The `__dict__` object an instance has right now, or 0: on 3.8–3.10 one exists once
   * an attribute was stored (or `__dict__` read); on 3.11+ only once `__dict__` was read.
   */
  dictOf(o: ObjectHandle): ObjectHandle {
    this.expect(o, 'instance');
    return instanceData(this, o).dict;
  }

  /** Whether instances of class `cls` have a `__dict__` (no `__slots__` without it). */
  classHasDict(cls: ObjectHandle): boolean {
    this.expect(cls, 'type');
    return classData(this, cls).hasDict;
  }

  /** The class of an instance (borrowed). */
  classOf(o: ObjectHandle): ObjectHandle {
    this.expect(o, 'instance');
    return instanceData(this, o).cls;
  }

  /** A type object's `__name__`: a class's, a static type's (`object`, `ValueError`) or a builtin type's. */
  typeObjectName(t: ObjectHandle): string {
    this.check(t);
    const type = this.typeName(t);
    if (type === 'builtin_type') return this.table.payload[t] as string;
    if (type !== 'type') throw new HeapError('wrong-type', `expected a type, got a ${type}`);
    return (this.table.payload[t] as { name: string }).name;
  }

  /**
   * A zero-argument `super()` in a method of `type` called on `obj` (3.8–3.11: the
   * object LOAD_METHOD looks the method up on; supers.ts): tracked, a new reference.
   */
  newSuper(type: ObjectHandle, obj: ObjectHandle): ObjectHandle {
    // supercheck: an instance's class, or a class itself (`super()` in `__new__`).
    const objType =
      this.typeName(obj) === 'instance'
        ? this.classOf(obj)
        : this.typeName(obj) === 'type'
          ? obj
          : 0;
    if (objType === 0) throw new HeapError('unsupported', 'super() of other than an instance');
    return newSuper(this, type, obj, objType);
  }

  /** Instances and classes: their names; built-in types: tp_name, as messages print it. */
  typeNameOf(o: ObjectHandle): string {
    this.check(o);
    const type = this.typeName(o);
    if (type === 'instance') return classData(this, instanceData(this, o).cls).name;
    if (type === 'namedtuple') return namedTupleClassData(this, namedTupleClassOf(this, o)).name;
    if (type === 'namedtuple_type' || type === 'builtin_type') return 'type';
    if (type === 'str_iterator') return strIteratorTypeName(this, o);
    // A static type's tp_name, as error messages print it.
    if (type === 'OrderedDict') return 'collections.OrderedDict';
    return type;
  }

  // ------------------------------------------------------------------ the collector's view (graph.ts)

  /** Calls `visit` on each object `o` references, in tp_traverse order. */
  traverse(o: ObjectHandle, visit: (referent: ObjectHandle) => void): void {
    const type = this.typeName(o);
    if ((type === 'list' || type === 'tuple') && this.isLive(o)) {
      // The hot path of a collection: no copy of the items. list_traverse and
      // tupletraverse visit the last item first (measured: gc.get_referents([a, b, c])
      // is [c, b, a] on 3.8–3.13), which orders what move_unreachable rescues.
      const items = this.items(o);
      for (let i = items.length - 1; i >= 0; i--) visit(items[i]!);
      return;
    }
    if ((type === 'dict' || type === 'Counter') && dictData(this, o).sharedBy === undefined) {
      // dict_traverse: each entry's value, then its key (measured: gc.get_referents of
      // {k: v, k2: v2} is [v, k, v2, k2] on 3.8–3.13).
      for (const [key, value] of dictData(this, o).entries.values()) {
        visit(value);
        visit(key);
      }
      return;
    }
    for (const r of this.referents(o)) visit(r);
  }

  /** `ob_refcnt` (without getrefcount's argument reference). */
  refcount(o: ObjectHandle): number {
    this.check(o);
    return this.table.refcnt[o]!;
  }

  /** True for an instance of a class defining `__del__`. */
  hasFinalizer(o: ObjectHandle): boolean {
    this.check(o);
    if (this.typeName(o) !== 'instance') return false;
    return classData(this, instanceData(this, o).cls).finalizer;
  }

  /** `d.clear()` (PyDict_Clear): a defaultdict keeps its factory, unlike its tp_clear. */
  dictClear(d: ObjectHandle): void {
    this.expect(d, 'dict');
    clearDict(this, d);
  }

  /** `od.clear()` (odict_clear): PyDict_Clear, then the node list and fast nodes. */
  odictClear(od: ObjectHandle): void {
    this.expect(od, 'OrderedDict');
    clearDict(this, od);
    clearODictNodes(this, od);
  }

  /** tp_clear of `o` (graph.ts); hold a reference to `o` across the call. */
  clear(o: ObjectHandle): void {
    clearObject(this, o);
  }

  /** True for an immortal object (3.12+ singletons): its count never changes. */
  isImmortal(o: ObjectHandle): boolean {
    this.check(o);
    return (this.table.flags[o]! & Flag.IMMORTAL) !== 0;
  }

  /** Empties every free list, as a full collection does (clear-free-lists.ts). */
  clearFreeLists(): void {
    clearFreeLists(this);
  }

  /** Calls `fn` on every live GC-tracked object, in handle order. */
  forEachTracked(fn: (o: ObjectHandle) => void): void {
    const t = this.table;
    for (let o = 1; o < t.top; o++) {
      if (this.isLive(o) && t.flags[o]! & Flag.TRACKED) fn(o);
    }
  }

  // ------------------------------------------------------------------ weak references (weakrefs.ts)

  /** `weakref.ref(o[, callback])` (a new reference; without a callback, the shared one). */
  newWeakref(o: ObjectHandle, callback: ObjectHandle = 0): ObjectHandle {
    return newWeakref(this, o, callback);
  }

  /** The weakrefs to `o` (basic ref first), empty when none. */
  weakrefsTo(o: ObjectHandle): readonly ObjectHandle[] {
    this.check(o);
    return weakrefsTo(this, o);
  }

  /** A weakref's callback (borrowed), or 0 when it has none. */
  weakrefCallback(r: ObjectHandle): ObjectHandle {
    this.expect(r, 'weakref');
    return weakrefData(this, r).callback;
  }

  /** `_PyWeakref_ClearRef(r)`: `r()` becomes None, `r` leaves its target's list; its callback stays. */
  unlinkWeakref(r: ObjectHandle): void {
    this.expect(r, 'weakref');
    unlinkWeakref(this, r);
  }

  /** `r()`: the weakref's live target, or 0 once it died. */
  weakrefTarget(r: ObjectHandle): ObjectHandle {
    this.expect(r, 'weakref');
    return weakrefData(this, r).target;
  }

  // ------------------------------------------------------------------ functions, cells (functions.ts)

  /** MAKE_FUNCTION: a new function holding new references to its defaults tuple, kwdefaults dict and closure tuple. */
  newFunction(options: FunctionOptions = {}): ObjectHandle {
    return newFunction(this, options);
  }

  /** A function's `__closure__`: its tuple of cells (borrowed), or 0 when it has none. */
  functionClosure(f: ObjectHandle): ObjectHandle {
    this.expect(f, 'function');
    return functionData(this, f).closure;
  }

  /** A function's `__defaults__` (a tuple) and `__kwdefaults__` (a dict), borrowed; 0 when absent. */
  functionDefaults(f: ObjectHandle): { defaults: ObjectHandle; kwdefaults: ObjectHandle } {
    this.expect(f, 'function');
    const data = functionData(this, f);
    return { defaults: data.defaults, kwdefaults: data.kwdefaults ?? 0 };
  }

  /** `PyCell_New(contents)` (0: an empty cell). */
  newCell(contents: ObjectHandle = 0): ObjectHandle {
    return newCell(this, contents);
  }

  /** STORE_DEREF: the cell now holds `contents` (0 empties it). */
  cellSet(cell: ObjectHandle, contents: ObjectHandle): void {
    cellSet(this, cell, contents);
  }

  // ------------------------------------------------------------------ range, iterators (iterators.ts)

  /** `range(start, stop, step)` (within a C long). */
  newRange(start: number, stop: number, step = 1): ObjectHandle {
    return newRange(this, start, stop, step);
  }

  /** A new str object, even of one latin-1 character (fresh-str.ts: `str(5)`, `'a'.upper()`). */
  newFreshStr(s: string): ObjectHandle {
    return newFreshStr(this, s);
  }

  /** A range over the given ints, taking over the four references (range-objects.ts). */
  newRangeOf(
    start: ObjectHandle,
    stop: ObjectHandle,
    step: ObjectHandle,
    length: ObjectHandle,
  ): ObjectHandle {
    return newRangeOf(this, start, stop, step, length);
  }

  /** `iter(o)` for a range, list, tuple, dict (keys) or dict view. @throws HeapError('wrong-type') */
  newIterator(o: ObjectHandle): ObjectHandle {
    this.check(o);
    const type = this.typeName(o);
    if (type === 'dict_keys') return newIterator(this, dictViewReferents(this, o)[0]!);
    if (type === 'OrderedDict') return newODictIterator(this, o, 'keys');
    if (type === 'odict_keys' || type === 'odict_values' || type === 'odict_items') {
      const kind = type === 'odict_keys' ? 'keys' : type === 'odict_values' ? 'values' : 'items';
      return newODictIterator(this, dictViewReferents(this, o)[0]!, kind);
    }
    if (type === 'dict_values' || type === 'dict_items') return newViewIterator(this, o);
    if (
      type === 'enumerate' ||
      type === 'zip' ||
      type === 'list_reverseiterator' ||
      type === 'reversed' ||
      type === 'count' ||
      type === 'repeat' ||
      type === 'chain' ||
      type === 'islice' ||
      type === 'combinations' ||
      type === 'product' ||
      type === 'zip_longest' ||
      type === 'permutations' ||
      type === 'accumulate' ||
      type === 'starmap' ||
      type === 'takewhile' ||
      type === 'map' ||
      type === 'filter' ||
      type === 'generator' ||
      type === 'list_iterator' ||
      type === 'tuple_iterator' ||
      type === 'str_iterator' ||
      type === 'range_iterator' ||
      type === 'dict_keyiterator' ||
      type === 'set_iterator'
    )
      return this.share(o);
    return newIterator(this, o);
  }

  /** `next(it)`: a new reference, or 0 when exhausted (the iterator then drops its sequence). */
  iteratorNext(it: ObjectHandle): ObjectHandle {
    this.check(it);
    const type = this.typeName(it);
    if (type === 'dict_valueiterator' || type === 'dict_itemiterator')
      return viewIteratorNext(this, it);
    if (type === 'odict_iterator') return odictIteratorNext(this, it);
    if (type === 'enumerate' || type === 'zip')
      return packedNext(this, it, (inner) => this.iteratorNext(inner));
    if (type === 'list_reverseiterator' || type === 'reversed') return reversedNext(this, it);
    if (type === 'combinations') return combinationsNext(this, it);
    if (type === 'product') return productNext(this, it);
    if (type === 'permutations') return permutationsNext(this, it);
    if (type === 'zip_longest')
      return zipLongestNext(this, it, (inner) => this.iteratorNext(inner));
    if (type === 'count' || type === 'repeat' || type === 'chain' || type === 'islice')
      return itertoolsNext(
        this,
        it,
        (o) => this.newIterator(o),
        (inner) => this.iteratorNext(inner),
      );
    if (
      type === 'map' ||
      type === 'filter' ||
      type === 'accumulate' ||
      type === 'starmap' ||
      type === 'takewhile' ||
      type === 'generator'
    ) {
      if (this.callingIterNext === null)
        throw new HeapError('wrong-type', `stepping a ${type} calls Python code`);
      return this.callingIterNext(it);
    }
    return iteratorNext(this, it);
  }

  /**
   * The step of the iterators that run Python code (`map` / `filter` call a function, a
   * generator resumes its frame: gen_iternext), installed by the layer that runs Python:
   * `it` borrowed, a new reference or 0 when exhausted.
   */
  callingIterNext: ((it: ObjectHandle) => ObjectHandle) | null = null;

  /** `map(func, *iterables)`: `func` borrowed (function-iterators.ts). */
  newMap(func: ObjectHandle, iterables: readonly ObjectHandle[]): ObjectHandle {
    return newMap(this, func, iterables, (o) => this.newIterator(o));
  }

  /** `filter(func, iterable)`: `func` (or None) borrowed (function-iterators.ts). */
  newFilter(func: ObjectHandle, iterable: ObjectHandle): ObjectHandle {
    return newFilter(this, func, iterable, (o) => this.newIterator(o));
  }

  /** `enumerate(iterable[, start])` (packed-iterators.ts). */
  newEnumerate(iterable: ObjectHandle, start = 0): ObjectHandle {
    return newEnumerate(this, iterable, (o) => this.newIterator(o), start);
  }

  /** A list, tuple or str iterator's `__length_hint__`: the items left (iterators.ts). */
  iteratorLengthHint(it: ObjectHandle): number {
    this.check(it);
    return sequenceIteratorLengthHint(this, it);
  }

  /** A reverse iterator's `__length_hint__`: the items left (reverse-iterators.ts). */
  reversedLengthHint(it: ObjectHandle): number {
    return reversedLengthHint(this, it);
  }

  /** `reversed(seq)` of a list or tuple (reverse-iterators.ts). */
  newReversed(seq: ObjectHandle): ObjectHandle {
    return newReversed(this, seq);
  }

  /** `f.__annotations__` of a function without annotations: made on first read (borrowed). */
  functionAnnotations(f: ObjectHandle): ObjectHandle {
    return functionAnnotations(this, f);
  }

  /** `f.__annotations__ = a` for a dict `a` (borrowed; functions.ts). */
  setFunctionAnnotations(f: ObjectHandle, a: ObjectHandle): void {
    setFunctionAnnotations(this, f, a);
  }

  /** `f.__dict__`, made on first read (borrowed); 0 when none and `create` is false. */
  functionDict(f: ObjectHandle, create = true): ObjectHandle {
    return functionDict(this, f, create);
  }

  /**
   * `itertools.count(start[, step])`: fast mode, or slow mode given int objects whose
   * step is not 1 (borrowed; itertools-objects.ts).
   */
  newCount(
    start: number,
    startObject: ObjectHandle = 0,
    stepObject: ObjectHandle = 0,
  ): ObjectHandle {
    return newCount(this, start, startObject, stepObject);
  }

  /** `itertools.repeat(element[, times])`, times −1 for forever (itertools-objects.ts). */
  newRepeat(element: ObjectHandle, times: number): ObjectHandle {
    return newRepeat(this, element, times);
  }

  /** `itertools.chain(*iterables)` over the call's argument tuple (itertools-objects.ts). */
  newChain(args: ObjectHandle): ObjectHandle {
    return newChain(this, args, (o) => this.newIterator(o));
  }

  /** `itertools.islice(iterable, start, stop, step)`, stop −1 for none (itertools-objects.ts). */
  newIslice(iterable: ObjectHandle, start: number, stop: number, step: number): ObjectHandle {
    return newIslice(this, iterable, start, stop, step, (o) => this.newIterator(o));
  }

  /** `itertools.combinations(seq, r)` of a list or tuple (itertools-combinations.ts). */
  newCombinations(seq: ObjectHandle, r: number): ObjectHandle {
    return newCombinations(this, seq, r);
  }

  /**
   * `itertools.product(*seqs, repeat=k)` of lists and tuples (itertools-product.ts);
   * 0 after undoing the making when the argument at `failAt` is not iterable.
   */
  newProduct(seqs: readonly ObjectHandle[], repeat: number, failAt = -1): ObjectHandle {
    return newProduct(this, seqs, repeat, failAt);
  }

  /**
   * `itertools.zip_longest(*iterables, fillvalue=…)` (itertools-zip-longest.ts); 0 after
   * undoing the making when the argument at `failAt` is not iterable.
   */
  newZipLongest(
    iterables: readonly ObjectHandle[],
    fillvalue: ObjectHandle,
    failAt = -1,
  ): ObjectHandle {
    return newZipLongest(this, iterables, fillvalue, (o) => this.newIterator(o), failAt);
  }

  /**
   * `itertools.accumulate(iterable, binop, initial=initial)`, `binop` 0 for addition,
   * `initial` None for none (itertools-accumulate.ts); stepped by `callingIterNext`.
   */
  newAccumulate(iterable: ObjectHandle, binop: ObjectHandle, initial: ObjectHandle): ObjectHandle {
    return newAccumulate(this, iterable, binop, initial, (o) => this.newIterator(o));
  }

  /**
   * `itertools.permutations(seq, r)` of a list or tuple, `r` −1 for None
   * (itertools-permutations.ts); 0 after undoing the making for a negative `r`.
   */
  newPermutations(seq: ObjectHandle, r: number): ObjectHandle {
    return newPermutations(this, seq, r);
  }

  /**
   * `itertools.starmap(func, iterable)` (itertools-starmap.ts); stepped by
   * `callingIterNext`.
   */
  newStarmap(func: ObjectHandle, iterable: ObjectHandle): ObjectHandle {
    return newStarmap(this, func, iterable, (o) => this.newIterator(o));
  }

  /**
   * `itertools.takewhile(predicate, iterable)` (itertools-takewhile.ts); stepped by
   * `callingIterNext`.
   */
  newTakewhile(func: ObjectHandle, iterable: ObjectHandle): ObjectHandle {
    return newTakewhile(this, func, iterable, (o) => this.newIterator(o));
  }

  /** A repeat's items left (`__length_hint__`), undefined for one that repeats forever. */
  repeatLengthHint(o: ObjectHandle): number | undefined {
    this.expect(o, 'repeat');
    return repeatLengthHint(this, o);
  }

  /**
   * `operator.itemgetter(*args)` from the call's argument tuple (borrowed): one item held
   * itself, several by the tuple (operator-getters.ts).
   */
  newItemgetter(args: ObjectHandle): ObjectHandle {
    return newItemgetter(this, args);
  }

  /** `operator.attrgetter(*names)`: a new tuple of the names, then the object. */
  newAttrgetter(names: readonly ObjectHandle[]): ObjectHandle {
    return newAttrgetter(this, names);
  }

  /** An itemgetter's items or an attrgetter's names, in order (borrowed). */
  getterKeys(o: ObjectHandle): ObjectHandle[] {
    const type = this.typeName(o);
    if (type !== 'itemgetter' && type !== 'attrgetter')
      throw new HeapError('wrong-type', `expected a getter, got ${type}`);
    return getterKeys(this, o);
  }

  /** `functools.partial(fn, *args, **kw)`: `kw` the call's keywords dict, or 0 (partials.ts). */
  newPartial(fn: ObjectHandle, args: readonly ObjectHandle[], kw: ObjectHandle = 0): ObjectHandle {
    return newPartial(this, fn, args, kw);
  }

  /** lru_cache_new: a `_lru_cache_wrapper` of `func` (lru-caches.ts). */
  newLruCache(func: ObjectHandle, kind: LruCacheKind, maxsize: number): ObjectHandle {
    return newLruCache(this, func, kind, maxsize);
  }

  /** The state of an lru_cache wrapper (mutable; lru-caches.ts). */
  lruCacheData(o: ObjectHandle): LruCacheData {
    return lruCacheData(this, o);
  }

  /** An lru_cache wrapper's `__dict__`, made on first use (borrowed). */
  lruCacheDict(o: ObjectHandle): ObjectHandle {
    return lruCacheDict(this, o);
  }

  /** A new link of `key` and `result` appended to the wrapper's list (the list's reference). */
  appendLruLink(o: ObjectHandle, key: ObjectHandle, result: ObjectHandle): ObjectHandle {
    return appendLruLink(this, o, key, result);
  }

  /** A link's key and result (borrowed). */
  lruLinkFields(link: ObjectHandle): [ObjectHandle, ObjectHandle] {
    return lruLinkFields(this, link);
  }

  /** A store into a full bounded cache: the oldest link reused (lru-caches.ts). */
  evictLruLink(o: ObjectHandle, key: ObjectHandle, result: ObjectHandle): void {
    evictLruLink(this, o, key, result);
  }

  /** Moves a link to the most recently used end. */
  touchLruLink(o: ObjectHandle, link: ObjectHandle): void {
    touchLruLink(this, o, link);
  }

  /** `cache_clear()` of an lru_cache wrapper (lru-caches.ts). */
  clearLruEntries(o: ObjectHandle): void {
    clearLruEntries(this, o, (d) => clearObject(this, d));
  }

  /** `staticmethod(f)` / `classmethod(f)`: tracked, no `__dict__` yet (method-wrappers.ts). */
  newMethodWrapper(type: 'staticmethod' | 'classmethod', callable: ObjectHandle): ObjectHandle {
    return newMethodWrapper(this, type, callable);
  }

  /** `property(fget[, fset[, fdel]])`, 0 for an absent function (method-wrappers.ts). */
  newProperty(fget: ObjectHandle, fset: ObjectHandle = 0, fdel: ObjectHandle = 0): ObjectHandle {
    return newProperty(this, fget, fset, fdel);
  }

  /** A property's `fget`, `fset` and `fdel` (borrowed; 0 for an absent one). */
  propertyFunctions(o: ObjectHandle): readonly [ObjectHandle, ObjectHandle, ObjectHandle] {
    return propertyFunctions(this, o);
  }

  /** A staticmethod's / classmethod's `__func__` or a property's fget (borrowed). */
  wrappedCallable(o: ObjectHandle): ObjectHandle {
    return wrappedCallable(this, o);
  }

  /** Stores a staticmethod's / classmethod's `__dict__` or a property's name (taken over). */
  setMethodWrapperField(o: ObjectHandle, value: ObjectHandle): void {
    setMethodWrapperField(this, o, value);
  }

  /**
   * `zip(*iterables, strict=…)` (packed-iterators.ts; `strict` from 3.10). Exhausting a
   * strict zip of unequal lengths throws HeapError 'value-error' (CPython's ValueError).
   */
  newZip(iterables: readonly ObjectHandle[], strict = false): ObjectHandle {
    return newZip(this, iterables, (o) => this.newIterator(o), strict);
  }

  /** `d.keys()` / `d.values()` / `d.items()`: a new view (dict-views.ts). */
  newDictView(d: ObjectHandle, kind: DictViewKind): ObjectHandle {
    return newDictView(this, d, kind);
  }

  /** `obj.meth`: a bound method holding `func` and `self` (3.8: from its free list). */
  newBoundMethod(func: ObjectHandle, self: ObjectHandle): ObjectHandle {
    return newBoundMethod(this, func, self);
  }

  // ------------------------------------------------------------------ calls, frames, generators (frames.ts, generators.ts)

  /** A pre-existing code object of `shape` (no allocation). @throws HeapError('invalid-argument') */
  newCode(shape: CodeShape): CodeObject {
    return newCode(shape);
  }

  /** Calls a plain function of `code` with `args` (new references taken); see {@link returnFromFunction}. */
  callFunction(code: CodeObject, args: readonly ObjectHandle[] = []): void {
    callFunction(this, code, args);
  }

  /** The innermost running call returns. @throws HeapError('invalid-argument') when none runs */
  returnFromFunction(): void {
    returnFromFunction(this);
  }

  /** STORE_FAST in the innermost running call (0 empties the local). */
  storeFast(index: number, value: ObjectHandle): void {
    storeFast(this, index, value);
  }

  /** `sys._getframe()` inside the innermost running call: a new reference to its frame object. */
  getFrame(): ObjectHandle {
    return getFrame(this);
  }

  /** Calls a generator (or `async def`) function: a new generator (coroutine). */
  callGenerator(code: CodeObject, args: readonly ObjectHandle[] = []): ObjectHandle {
    return callGenerator(this, code, args);
  }

  /** `next(g)`: yields a new reference to `yielded`, or (0) the body returns and 0 comes back. */
  generatorNext(g: ObjectHandle, yielded: ObjectHandle): ObjectHandle {
    this.expectGenerator(g);
    return generatorNext(this, g, yielded);
  }

  /** `next(g)` whose body raises `e` (taken): the generator completes and `e` is raised in the caller. */
  generatorRaise(g: ObjectHandle, e: ObjectHandle): void {
    this.expectGenerator(g);
    generatorRaise(this, g, e);
  }

  /** `g.close()`. */
  generatorClose(g: ObjectHandle): void {
    this.expectGenerator(g);
    generatorClose(this, g);
  }

  /** STORE_FAST in the generator's body. */
  generatorStoreFast(g: ObjectHandle, index: number, value: ObjectHandle): void {
    this.expectGenerator(g);
    generatorStoreFast(this, g, index, value);
  }

  /** `g.gi_frame`: a new reference to its frame object, or to None once completed. */
  generatorFrame(g: ObjectHandle): ObjectHandle {
    this.expectGenerator(g);
    return generatorFrame(this, g);
  }

  // ------------------------------------------------------------------ exceptions, tracebacks (exceptions.ts)

  /**
   * `BaseException(*args)` (ValueError, … alike), or with `cls` a call of that program's
   * exception class: a new exception; its args tuple takes new references.
   * `layout`: true or `stopIteration` for a StopIteration (its `value` field), 3.10+
   * `nameError` / `attributeError` for those classes' `name` (and `obj`) fields.
   */
  newException(
    args: readonly ObjectHandle[] = [],
    cls: ObjectHandle = 0,
    layout: boolean | ExceptionLayout = 'base',
  ): ObjectHandle {
    return newException(this, args, cls, layout);
  }

  /**
   * 3.10+: the interpreter's `name` (and an AttributeError's `obj`) of exception `e`
   * (set_attribute_error_context, format_exc_check_arg): new references.
   */
  setExceptionContext(e: ObjectHandle, name: ObjectHandle, obj: ObjectHandle = 0): void {
    this.expect(e, 'exception');
    setExceptionContext(this, e, name, obj);
  }

  /**
   * `raise e` (`raise e from cause`) in the innermost running call: takes the caller's
   * reference; adds a traceback; inside an `except` block, sets `__context__`.
   */
  raiseException(e: ObjectHandle, cause: ObjectHandle = 0): void {
    raiseException(this, e, cause);
  }

  /** `e.__context__`: a new reference to it, or to None. */
  exceptionContext(e: ObjectHandle): ObjectHandle {
    this.expect(e, 'exception');
    const context = exceptionData(this, e).context;
    return this.share(context === 0 ? this.none : context);
  }

  /** `e.args`: its tuple (borrowed). */
  exceptionArgs(e: ObjectHandle): ObjectHandle {
    this.expect(e, 'exception');
    return exceptionData(this, e).args;
  }

  /** `e.__cause__`: a new reference to it, or to None. */
  exceptionCause(e: ObjectHandle): ObjectHandle {
    this.expect(e, 'exception');
    const cause = exceptionData(this, e).cause;
    return this.share(cause === 0 ? this.none : cause);
  }

  /** The raised exception leaves the innermost call (it returns; its caller gets a traceback). */
  unwindException(): void {
    unwindException(this);
  }

  /**
   * `except …`: returns the raised exception (the reference `raiseException` took);
   * the block's own references last until {@link endExcept}.
   */
  catchException(): ObjectHandle {
    return catchException(this);
  }

  /** POP_EXCEPT: the innermost `except` block ends (its exc_info references go). */
  endExcept(): void {
    endExcept(this);
  }

  /** `e.__traceback__`: a new reference to its traceback, or to None. */
  exceptionTraceback(e: ObjectHandle): ObjectHandle {
    this.expect(e, 'exception');
    const tb = exceptionData(this, e).traceback;
    return this.share(tb === 0 ? this.none : tb);
  }

  /** `e.name = v` on an exception of a program class (its `__dict__`; exceptions.ts). */
  exceptionSetAttr(e: ObjectHandle, name: string, v: ObjectHandle): void {
    this.expect(e, 'exception');
    exceptionSetAttr(this, e, name, v);
  }

  /** `e.name` from an exception's `__dict__`: a borrowed reference, or 0. */
  exceptionGetAttr(e: ObjectHandle, name: string): ObjectHandle {
    this.expect(e, 'exception');
    return exceptionGetAttr(this, e, name);
  }

  /** The names in an exception's `__dict__` (unordered), or null when a key is not a str. */
  exceptionAttributeNames(e: ObjectHandle): string[] | null {
    this.expect(e, 'exception');
    return exceptionAttributeNames(this, e);
  }

  /** BaseException_init: `e.args` becomes a new tuple of `values` (new references). */
  setExceptionArgs(e: ObjectHandle, values: readonly ObjectHandle[]): void {
    this.expect(e, 'exception');
    for (const v of values) this.check(v);
    setExceptionArgs(this, e, values);
  }

  private expectGenerator(g: ObjectHandle): void {
    if (this.typeOf(g) !== 'coroutine') this.expect(g, 'generator');
  }
}
