/**
 * Columnar storage of the heap's objects: one slot per handle, typed-array columns,
 * grown by doubling. A handle is reused after its object is freed (LIFO).
 *
 *   column     type           meaning
 *   type       Uint8Array     TYPE_CODE of the object, 0 for an unused slot
 *   state      Uint8Array     FREE (unused) | LIVE | PARKED (dead, kept on a free list)
 *   flags      Uint8Array     IMMORTAL | CACHED (held by an interpreter cache) | TRACKED |
 *                             STATIC (no allocator block) | DEEP_STATIC (3.11: starts at 999,999,999) |
 *                             INTERNED (a str in the interned table: interned.ts) |
 *                             ADDRESS (an int id() made) | HASHED (a str's cached hash)
 *   refcnt     Float64Array   ob_refcnt (for immortal objects: what getrefcount shows)
 *   external   Float64Array   references held outside the heap (by the API's caller)
 *   address    Float64Array   start of the object's block (pre-header included)
 *   length     Float64Array   ob_size / len / digit count
 *   allocated  Float64Array   list `allocated`, bytearray `ob_alloc`, str kind
 *   storage    Float64Array   separate block: list ob_item, bytearray buffer, set table,
 *                             split dict / 3.11–3.12 instance values array
 *   payload    unknown[]      per type: bigint (int), number (float), string (str),
 *                             number[] (list, tuple items), DictData, SetData,
 *                             ClassData (type), InstanceData (instance)
 *
 * Invariants: state[h] === FREE ⇔ type[h] === 0 ⇔ h is on the free-handle stack;
 * handle 0 is never used (it stands for NULL).
 */
import type { SetTable } from '../set-table.ts';

/** Slot states. */
export const SlotState = { FREE: 0, LIVE: 1, PARKED: 2 } as const;

/** Flag bits. */
export const Flag = {
  IMMORTAL: 1,
  CACHED: 2,
  TRACKED: 4,
  STATIC: 8,
  DEEP_STATIC: 16,
  INTERNED: 32,
  /** An int `id()` returned: a model address (heap.markAddress). */
  ADDRESS: 64,
  /** A str whose hash CPython has computed and cached (a dict or set saw it as a key). */
  HASHED: 128,
} as const;

/** The dict keys table and the entries it holds (insertion order, deleted ones dropped). */
export interface DictData {
  /** log2 of dk_size; 0 while the dict shares the static empty keys. */
  log2Size: number;
  /** dk_usable. */
  usable: number;
  /** dk_nentries (deleted entries included until a resize). */
  nentries: number;
  /** 3.11+: a DICT_KEYS_UNICODE table (every key an exact str). */
  unicode: boolean;
  /** Keys-table block address (0 for the shared empty keys). */
  keysAddress: number;
  /** Live entries by key identity: [key handle, value handle]. */
  readonly entries: Map<string, [number, number]>;
  /**
   * A split (key-sharing) dict: the class whose shared keys it uses. Its keys belong
   * to the class (entries hold key handle 0); its values array is the `storage` block.
   */
  sharedBy?: number;
  /** 3.8–3.10: the key-sharing table a split dict uses (shared-keys.ts). */
  sharedKeys?: SharedKeys;
  /**
   * A defaultdict's default_factory (default-dicts.ts): a counted reference to an
   * object of the program, or 0 for None or a built-in type named by `factoryType`.
   */
  defaultFactory?: number;
  /** A defaultdict whose factory is a built-in type (`list`, `int`, …): its name. */
  factoryType?: string;
  /** An OrderedDict's node list and fast-nodes array (ordered-dicts.ts). */
  odict?: ODictState;
}

/** One `_ODictNode` of an OrderedDict: its key (a counted reference) and its block. */
export interface ODictNode {
  readonly key: number;
  /** The key's identity (key-identity.ts), as the dict's entries are keyed. */
  readonly identity: string;
  /** The node's PyMem_Malloc block. */
  readonly address: number;
}

/** An OrderedDict's own fields (ordered-dicts.ts). */
export interface ODictState {
  /** The linked list, od_first to od_last. */
  readonly nodes: ODictNode[];
  /** od_fast_nodes' block (0: none). */
  fastNodes: number;
  /** od_fast_nodes_size. */
  fastSize: number;
  /** od_resize_sentinel: the keys block the fast nodes were made for (−1: NULL). */
  sentinel: number;
  /** od_state: bumped on every change to the list. */
  state: number;
}

/**
 * A 3.8–3.10 key-sharing keys table (`PyDictKeysObject` with `lookdict_split`), owned
 * by its class's `ht_cached_keys` and every split dict using it (shared-keys.ts).
 */
export interface SharedKeys {
  /** The keys block. */
  readonly address: number;
  /** log2 of dk_size. */
  readonly log2Size: number;
  /** The attribute names in dk_entries order (dk_nentries = names.length). */
  readonly names: string[];
  /** dk_usable. */
  usable: number;
  /** dk_refcnt: the class's reference (while cached) plus one per split dict. */
  refcnt: number;
}

/** A set: its hash table and its keys by identity. */
export interface SetData {
  /** The slots, as CPython lays them out (for int, float and tuple-of-int keys). */
  readonly table: SetTable;
  /** Live keys by identity (for membership). */
  readonly entries: Map<string, number>;
}

/** The columns; grown with {@link ObjectTable.allocateSlot}. */
export class ObjectTable {
  type: Uint8Array = new Uint8Array(1024);
  state: Uint8Array = new Uint8Array(1024);
  flags: Uint8Array = new Uint8Array(1024);
  refcnt: Float64Array = new Float64Array(1024);
  external: Float64Array = new Float64Array(1024);
  address: Float64Array = new Float64Array(1024);
  length: Float64Array = new Float64Array(1024);
  allocated: Float64Array = new Float64Array(1024);
  storage: Float64Array = new Float64Array(1024);
  payload: unknown[] = [undefined];
  /** One past the highest handle ever used. */
  top = 1;
  /** Count of LIVE slots. */
  live = 0;
  private readonly freeHandles: number[] = [];

  /** A fresh slot (LIVE, zeroed); the caller sets the columns. */
  allocateSlot(typeCode: number): number {
    let handle = this.freeHandles.pop();
    if (handle === undefined) {
      handle = this.top++;
      if (handle >= this.type.length) this.grow();
    }
    this.type[handle] = typeCode;
    this.state[handle] = SlotState.LIVE;
    this.flags[handle] = 0;
    this.refcnt[handle] = 1;
    this.external[handle] = 0;
    this.length[handle] = 0;
    this.allocated[handle] = 0;
    this.storage[handle] = 0;
    this.live++;
    return handle;
  }

  /** Returns `handle`'s slot to the free stack. */
  releaseSlot(handle: number): void {
    if (this.state[handle] === SlotState.LIVE) this.live--;
    this.type[handle] = 0;
    this.state[handle] = SlotState.FREE;
    this.payload[handle] = undefined;
    this.freeHandles.push(handle);
  }

  private grow(): void {
    const size = this.type.length * 2;
    const widen = <T extends Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.type = widen(this.type, (n) => new Uint8Array(n));
    this.state = widen(this.state, (n) => new Uint8Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.refcnt = widen(this.refcnt, (n) => new Float64Array(n));
    this.external = widen(this.external, (n) => new Float64Array(n));
    this.address = widen(this.address, (n) => new Float64Array(n));
    this.length = widen(this.length, (n) => new Float64Array(n));
    this.allocated = widen(this.allocated, (n) => new Float64Array(n));
    this.storage = widen(this.storage, (n) => new Float64Array(n));
  }
}
