/**
 * The collector's per-object header and its doubly linked lists, in typed arrays —
 * the model of `PyGC_Head` (`_gc_next`, `_gc_prev`) and the `gc_list_*` helpers of
 * Modules/gcmodule.c (3.8–3.12) / Python/gc.c (3.13).
 *
 * Layout (index = object id; arrays grow by doubling):
 *
 *   next[id]  prev[id]   Int32   neighbours in the object's list, -1 at either end
 *   list[id]             Uint8   which list holds it; LIST_UNTRACKED (0) = not tracked
 *   refs[id]             Int32   gc_refs during a collection (CPython keeps it in _gc_prev)
 *   flags[id]            Uint8   COLLECTING | FINALIZED | UNREACHABLE
 *
 *   headOf[list] tailOf[list] sizeOf[list]   one entry per list (generations + scratch)
 *
 *   list ids: 1..3 gen0..gen2 (3.14.0–3.14.4: young, old[0], old[1]), 4 permanent,
 *   5.. scratch lists of one collection
 *
 * CPython's lists are circular with a sentinel head and carry no list id, so a merge
 * is O(1); here every node names its list (so `is_tracked`, `generationOf` and moves
 * between arbitrary lists are O(1)) and a merge relabels the moved nodes: O(moved).
 * Order within lists, which decides finalization and tp_clear order, is CPython's.
 *
 * Invariants (checked by `validateLists`):
 *   1. Walking `next` from `headOf[l]` visits exactly `sizeOf[l]` nodes, each with
 *      `list == l`, and `prev` mirrors `next`.
 *   2. A node is in at most one list; `list == 0` ⇔ not linked.
 *   3. Outside a collection, no node has COLLECTING or UNREACHABLE set.
 */

/** Not in any list: the object is not tracked. */
export const LIST_UNTRACKED = 0;
/** `GEN_HEAD(g)` is list `LIST_GEN0 + g`. */
export const LIST_GEN0 = 1;
/** The permanent generation (`gc.freeze()`, 3.12/3.13 immortals). */
export const LIST_PERMANENT = 4;
/** Scratch: `unreachable`. */
export const LIST_UNREACHABLE = 5;
/** Scratch: `finalizers` (legacy `tp_del` and what they reach). */
export const LIST_FINALIZERS = 6;
/** Scratch: `wrcb_to_call` in handle_weakrefs. */
export const LIST_WRCB = 7;
/** Scratch: `seen` in finalize_garbage. */
export const LIST_SEEN = 8;
/** Scratch: `final_unreachable` (3.9+ handle_resurrected_objects). */
export const LIST_FINAL = 9;
/** Scratch (3.14.0–3.14.4): `increment`, the objects one incremental step collects. */
export const LIST_INCREMENT = 10;
/** Scratch (3.14.0–3.14.4): `reachable`, roots being marked into the visited space. */
export const LIST_REACHABLE = 11;
const LIST_COUNT = 12;

/** gc_refs are being computed for this object (`PREV_MASK_COLLECTING`). */
export const FLAG_COLLECTING = 1;
/** tp_finalize already ran (`_PyGC_PREV_MASK_FINALIZED`). */
export const FLAG_FINALIZED = 2;
/** Tentatively unreachable during move_unreachable (`NEXT_MASK_UNREACHABLE`). */
export const FLAG_UNREACHABLE = 4;

/** The per-object GC headers and the lists that link them. */
export class GcLists {
  /** Next node in the same list, or -1. */
  next: Int32Array;
  /** Previous node in the same list, or -1. */
  prev: Int32Array;
  /** The list holding each node (LIST_UNTRACKED when none). */
  list: Uint8Array;
  /** gc_refs during a collection. */
  refs: Int32Array;
  /** FLAG_* bits. */
  flags: Uint8Array;
  /** First node of each list, or -1. */
  readonly headOf: Int32Array = new Int32Array(LIST_COUNT).fill(-1);
  /** Last node of each list, or -1. */
  readonly tailOf: Int32Array = new Int32Array(LIST_COUNT).fill(-1);
  /** Number of nodes in each list. */
  readonly sizeOf: Int32Array = new Int32Array(LIST_COUNT);

  constructor(capacity = 1024) {
    this.next = new Int32Array(capacity).fill(-1);
    this.prev = new Int32Array(capacity).fill(-1);
    this.list = new Uint8Array(capacity);
    this.refs = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Makes room for ids below `id + 1`. */
  ensure(id: number): void {
    if (id < this.list.length) return;
    let capacity = this.list.length * 2;
    while (capacity <= id) capacity *= 2;
    const grow32 = (old: Int32Array, fill: number): Int32Array => {
      const copy = new Int32Array(capacity).fill(fill);
      copy.set(old);
      return copy;
    };
    const grow8 = (old: Uint8Array): Uint8Array => {
      const copy = new Uint8Array(capacity);
      copy.set(old);
      return copy;
    };
    this.next = grow32(this.next, -1);
    this.prev = grow32(this.prev, -1);
    this.refs = grow32(this.refs, 0);
    this.list = grow8(this.list);
    this.flags = grow8(this.flags);
  }

  /** The list holding `id` (LIST_UNTRACKED if none or out of range). */
  listOf(id: number): number {
    return id < this.list.length ? (this.list[id] as number) : LIST_UNTRACKED;
  }

  /** `gc_list_append`: links untracked `id` at the end of `list`. */
  append(id: number, list: number): void {
    const tail = this.tailOf[list] as number;
    this.prev[id] = tail;
    this.next[id] = -1;
    if (tail === -1) this.headOf[list] = id;
    else this.next[tail] = id;
    this.tailOf[list] = id;
    this.list[id] = list;
    this.sizeOf[list] = (this.sizeOf[list] as number) + 1;
  }

  /** `gc_list_remove`: unlinks `id` from its list (it becomes untracked). */
  remove(id: number): void {
    const list = this.list[id] as number;
    const before = this.prev[id] as number;
    const after = this.next[id] as number;
    if (before === -1) this.headOf[list] = after;
    else this.next[before] = after;
    if (after === -1) this.tailOf[list] = before;
    else this.prev[after] = before;
    this.next[id] = -1;
    this.prev[id] = -1;
    this.list[id] = LIST_UNTRACKED;
    this.sizeOf[list] = (this.sizeOf[list] as number) - 1;
  }

  /** `gc_list_move`: unlinks `id` and appends it to `list`. */
  move(id: number, list: number): void {
    this.remove(id);
    this.append(id, list);
  }

  /** `gc_list_merge(from, to)`: appends all of `from` to `to`, in order; `from` ends empty. */
  merge(from: number, to: number): void {
    if (from === to) return;
    const first = this.headOf[from] as number;
    if (first === -1) return;
    for (let id = first; id !== -1; id = this.next[id] as number) this.list[id] = to;
    const tail = this.tailOf[to] as number;
    if (tail === -1) this.headOf[to] = first;
    else {
      this.next[tail] = first;
      this.prev[first] = tail;
    }
    this.tailOf[to] = this.tailOf[from] as number;
    this.sizeOf[to] = (this.sizeOf[to] as number) + (this.sizeOf[from] as number);
    this.headOf[from] = -1;
    this.tailOf[from] = -1;
    this.sizeOf[from] = 0;
  }

  /** The ids of `list`, in order. */
  toArray(list: number): number[] {
    const out: number[] = [];
    for (let id = this.headOf[list] as number; id !== -1; id = this.next[id] as number)
      out.push(id);
    return out;
  }
}

/**
 * `validate_list` for every list: the links, sizes and list ids agree (invariants 1–2),
 * and, when `outsideCollection`, no COLLECTING/UNREACHABLE bit is left (invariant 3).
 * Returns the problems found (empty when valid).
 */
export function validateLists(lists: GcLists, outsideCollection: boolean): string[] {
  const problems: string[] = [];
  let linked = 0;
  for (let l = 1; l < lists.headOf.length; l++) {
    let count = 0;
    let before = -1;
    for (let id = lists.headOf[l] as number; id !== -1; id = lists.next[id] as number) {
      if (lists.list[id] !== l)
        problems.push(`object ${id} is linked in list ${l} but names list ${lists.list[id]}`);
      if (lists.prev[id] !== before)
        problems.push(`object ${id}: prev ${lists.prev[id]} but follows ${before}`);
      if (outsideCollection && (lists.flags[id] as number) & (FLAG_COLLECTING | FLAG_UNREACHABLE))
        problems.push(`object ${id} still has collection flags ${lists.flags[id]}`);
      before = id;
      if (++count > lists.list.length) {
        problems.push(`list ${l} is circular`);
        break;
      }
    }
    if (lists.tailOf[l] !== before)
      problems.push(`list ${l}: tail ${lists.tailOf[l]} but last node ${before}`);
    if (count !== lists.sizeOf[l])
      problems.push(`list ${l}: size ${lists.sizeOf[l]} but ${count} nodes`);
    linked += count;
  }
  let named = 0;
  for (let id = 0; id < lists.list.length; id++) if (lists.list[id] !== LIST_UNTRACKED) named++;
  if (named !== linked) problems.push(`${named} objects name a list but ${linked} are linked`);
  return problems;
}
