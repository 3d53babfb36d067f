export { type ObjectConstants, objectConstants } from './constants.ts';
export { counterExtra, newCounter } from './counters.ts';
export {
  clearDefaultFactory,
  defaultFactory,
  defaultFactoryType,
  newDefaultDict,
} from './default-dicts.ts';
export {
  BLOCKLEN,
  type DequeData,
  dequeAppend,
  dequeAppendleft,
  dequeClear,
  dequeExtendleftStart,
  dequeExtendStart,
  dequeItem,
  dequeIteratorNext,
  dequeMaxlen,
  dequePop,
  dequePopleft,
  dequeReverse,
  dequeRotate,
  newDeque,
  newDequeIterator,
} from './deques.ts';
export {
  DICT_LOG_MINSIZE,
  dictKeysBytes,
  estimateLog2Size,
  indexBytes,
  log2SizeFor,
  presizedLog2,
  usableFraction,
} from './dict-keys.ts';
export { type NamedReferent, type NamedReferents, namedReferents } from './edges.ts';
export type {
  MemoryDomain,
  ObjectEvent,
  ObjectListener,
  RefcountEvent,
  RefcountListener,
} from './events.ts';
export type { ExceptionLayout } from './exceptions.ts';
export { CO_COROUTINE, CO_GENERATOR } from './frames.ts';
export type { GcObserver } from './gc-observer.ts';
export { type HeapGraph, reachableFrom } from './graph.ts';
export { type HashableValue, hashWord, pythonHash } from './hash.ts';
export {
  type ClassOptions,
  type CodeObject,
  type CodeShape,
  type FreeListCounts,
  type FunctionOptions,
  Heap,
  HeapError,
  type HeapOptions,
  type ItemIterator,
  type ObjectHandle,
} from './heap.ts';
export type { KeyHooks } from './heap-core.ts';
export type { InternedDictState } from './interned.ts';
export { accumulateBinop, accumulateNext } from './itertools-accumulate.ts';
export { starmapFunction, starmapNext } from './itertools-starmap.ts';
export { takewhileFunction, takewhileNext } from './itertools-takewhile.ts';
export { type ObjectLayout, objectLayout, type PointerSize } from './layout.ts';
export { listPreallocation, listResizeAllocation } from './list-growth.ts';
export {
  type NamedTupleClassData,
  namedTupleClassData,
  namedTupleClassOf,
  newNamedTuple,
  newNamedTupleClass,
} from './namedtuples.ts';
export {
  newODict,
  type ODictIterKind,
  odictDelItem,
  odictKeys,
  odictMoveToEnd,
  odictPairs,
  odictPop,
  odictPopItem,
  odictSetItem,
} from './ordered-dicts.ts';
export type { SetOperator } from './set-operations.ts';
export { DUMMY, SetTable, setGrowthTarget, setNeedsResize, setTableSize } from './set-table.ts';
export { isGcType, type ObjectType } from './types.ts';
export { HeapValidationError, validateHeap } from './validate-heap.ts';
