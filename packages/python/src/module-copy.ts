/**
 * `import copy`: `copy.copy` and `copy.deepcopy` of the builtin containers, making the
 * objects Lib/copy.py makes, so the copies' sizes are CPython's — often not the
 * originals' (a deep-copied list grows by appends; a deep-copied dict by inserts).
 *
 *   copy(list/dict/set)   list.copy (exact size) / dict.copy / set.copy
 *   copy(tuple/atom)      the object itself (tuple, int, float, str, bool, None, range)
 *   deepcopy(atom)        the object itself
 *   deepcopy(list)        `y = []`, registered in the memo, then y.append(deepcopy(item))
 *   deepcopy(dict)        `y = {}`, registered, then y[deepcopy(k)] = deepcopy(v)
 *   deepcopy(tuple)       the items' deep copies; the tuple itself when every copy is
 *                         its original, else tuple(list of copies) — or the memo's entry
 *                         when copying an item already copied the tuple (a cycle)
 *
 * The memo keeps each original's one copy, so shared and cyclic structure is kept.
 * The memo dict, the list of a tuple's copies and the bound methods are freed before
 * deepcopy returns; after a library import their blocks are not observable (ids are
 * refused). Sets and other types are refused in deepcopy (copy.py reduces them).
 * Models Lib/copy.py (copy, deepcopy, _deepcopy_list, _deepcopy_dict, _deepcopy_tuple),
 * 3.8–3.13.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';
import { shared } from './operations.ts';

/** Types copy.py treats as atoms (`_copy_immutable` / `_deepcopy_atomic`). */
const ATOMS: ReadonlySet<string> = new Set(['int', 'float', 'str', 'bool', 'NoneType', 'range']);

function shallow(heap: Heap, o: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(o);
  if (ATOMS.has(t) || t === 'tuple' || t === 'frozenset') return shared(heap, o);
  if (t === 'list') return heap.listCopy(o);
  if (t === 'dict') return heap.dictCopy(o);
  if (t === 'set') return heap.newSetFromSet(o);
  throw new Unsupported(`copy.copy of a ${heap.typeNameOf(o)}`);
}

/** deepcopy(o, memo): a new reference to o's copy. */
function deep(heap: Heap, o: ObjectHandle, memo: Map<ObjectHandle, ObjectHandle>): ObjectHandle {
  const known = memo.get(o);
  if (known !== undefined) return shared(heap, known);
  const t = heap.typeOf(o);
  if (ATOMS.has(t)) return shared(heap, o);
  if (t === 'list') {
    const y = heap.newList();
    memo.set(o, y);
    for (const item of heap.referents(o)) {
      const c = deep(heap, item, memo);
      heap.listAppend(y, c);
      heap.decref(c);
    }
    return y;
  }
  if (t === 'dict') {
    const y = heap.newDict();
    memo.set(o, y);
    const parts = heap.referents(o);
    for (let i = 0; i < parts.length; i += 2) {
      const k = deep(heap, parts[i]!, memo);
      const v = deep(heap, parts[i + 1]!, memo);
      heap.dictSetItem(y, k, v);
      heap.decref(v);
      heap.decref(k);
    }
    return y;
  }
  if (t === 'tuple') {
    const items = heap.referents(o);
    const copies = items.map((item) => deep(heap, item, memo));
    const again = memo.get(o);
    let y: ObjectHandle;
    if (again !== undefined) y = shared(heap, again);
    else if (copies.every((c, i) => c === items[i])) y = shared(heap, o);
    else y = heap.newTuple(copies);
    for (const c of copies) heap.decref(c);
    if (y !== o && again === undefined) memo.set(o, y);
    return y;
  }
  throw new Unsupported(`copy.deepcopy of a ${heap.typeNameOf(o)}`);
}

/** The copy module. */
export const COPY_MODULE: LibraryModule = {
  functions: {
    copy(m: Machine, args) {
      if (args.length !== 1) throw new Unsupported(`copy.copy() with ${args.length} arguments`);
      return shallow(m.heap, args[0]!);
    },
    deepcopy(m: Machine, args) {
      if (args.length !== 1) throw new Unsupported(`copy.deepcopy() with ${args.length} arguments`);
      const heap = m.heap;
      const memo = new Map<ObjectHandle, ObjectHandle>();
      // The memo's own references (to the copies and, by _keep_alive, the originals)
      // end with the call; the result is the caller's one reference.
      return deep(heap, args[0]!, memo);
    },
  },
};
