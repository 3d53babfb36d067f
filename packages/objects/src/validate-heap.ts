/**
 * validateHeap: checks every invariant of heap.ts in one pass (like CPython's
 * `validate_list` or mimalloc's `_mi_page_is_valid`). Cost: O(objects + references).
 *
 *   1. refcnt[o] = references from live objects + external[o] (+ 1 if cached; 3.11
 *      caches start at 999,999,999), for every live mortal object; immortal objects
 *      keep the profile's immortal count.
 *   2. Every referent of a live object is live (never freed, never parked).
 *   3. Every live or parked non-static object's blocks are ones the heap holds; the
 *      heap holds exactly as many blocks as the allocator has handed out since the
 *      heap was built (getAllocatedBlocks − foreignBlocks), and none bigger than 512
 *      bytes inside an arena.
 *   4. Sets: the table's used slots are exactly the keys, fill ≥ used.
 *      Weakrefs: a weakref with a target is on that live target's list, and every
 *      weakref on a list is live and points back to the list's object.
 *      Lists: len ≤ allocated and the items block is allocated × pointer bytes;
 *      dicts: used ≤ nentries, usable + nentries ≤ USABLE_FRACTION(size) (equal but for
 *      the entries popitem gave back since the last resize), and the keys
 *      block has _PyDict_KeysSize bytes; a 3.8–3.10 shared keys table's dk_refcnt is
 *      its class (while cached) plus its split dicts, and its block is held.
 *   5. The interned table holds live strs flagged INTERNED under their own text, and
 *      every live INTERNED str is in it.
 *   6. Frames: a frame object's block is GC header + basic + ob_size slots, ob_size ≥
 *      its code's slots; a generator's frame names it, and on 3.8–3.10 its frame
 *      object is live and holds that frame.
 */
import { dictKeysBytes, usableFraction } from './dict-keys.ts';
import { type FrameObjectData, frameBlockBytes, frameSlots } from './frames.ts';
import type { GeneratorData } from './generators.ts';
import { DEEP_STATIC_REFCNT, type Heap } from './heap.ts';
import { type DictData, Flag, type SetData, type SharedKeys, SlotState } from './internal/table.ts';
import { internedDictBlock, internedTable } from './interned.ts';
import { TYPE_CODE } from './types.ts';

/** Thrown by {@link validateHeap} with every broken invariant listed. */
export class HeapValidationError extends Error {
  /** Stable error code. */
  readonly code = 'invalid-heap' as const;
  /** One line per problem. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`heap invalid:\n  ${problems.slice(0, 20).join('\n  ')}`);
    this.name = 'HeapValidationError';
    this.problems = problems;
  }
}

/** Checks the heap's invariants. @throws HeapValidationError listing what is broken. */
export function validateHeap(heap: Heap): void {
  const t = heap.table;
  const problems: string[] = [];
  const held = new Float64Array(t.top);
  for (let o = 1; o < t.top; o++) {
    if (t.state[o] !== SlotState.LIVE) continue;
    for (const r of heap.referents(o)) {
      if (!heap.isLive(r)) problems.push(`object ${o} refers to ${r}, which is not alive`);
      else held[r]!++;
    }
    const code = t.type[o]!;
    if (code === TYPE_CODE.list) {
      if (t.length[o]! > t.allocated[o]!)
        problems.push(`list ${o}: ob_size ${t.length[o]} > allocated ${t.allocated[o]}`);
      const items = t.storage[o]!;
      if (items !== 0 && heap.blocks.get(items) !== t.allocated[o]! * heap.layout.pointerSize) {
        problems.push(
          `list ${o}: items block of ${heap.blocks.get(items)} bytes for ${t.allocated[o]} slots`,
        );
      }
    }
    if (code === TYPE_CODE.set || code === TYPE_CODE.frozenset) {
      const set = t.payload[o] as SetData;
      const table = set.table;
      if (table.used !== set.entries.size || table.fill < table.used) {
        problems.push(`set ${o}: used ${table.used}, fill ${table.fill}, ${set.entries.size} keys`);
      }
      const slotted = new Set(table.activeKeys());
      for (const key of set.entries.values()) {
        if (!slotted.has(key)) problems.push(`set ${o}: key ${key} is in no slot`);
      }
    }
    if (code === TYPE_CODE.frame) {
      const frame = (t.payload[o] as FrameObjectData).frame;
      if (t.allocated[o]! < frameSlots(frame.code))
        problems.push(`frame ${o}: ob_size ${t.allocated[o]} < ${frameSlots(frame.code)} slots`);
      if (frame.frameObject !== o && frame.owner === 'frame-object')
        problems.push(`frame ${o} owns a frame that points at frame object ${frame.frameObject}`);
    }
    if (code === TYPE_CODE.generator || code === TYPE_CODE.coroutine) {
      const frame = (t.payload[o] as GeneratorData).frame;
      if (frame !== null && frame.state !== 'completed' && frame.generator !== o)
        problems.push(`generator ${o}: its frame names generator ${frame.generator}`);
      if (frame !== null && heap.layout.minor < 11 && !heap.isLive(frame.frameObject))
        problems.push(`generator ${o}: gi_frame ${frame.frameObject} is not alive`);
    }
    if (
      code === TYPE_CODE.dict ||
      code === TYPE_CODE.defaultdict ||
      code === TYPE_CODE.Counter ||
      code === TYPE_CODE.OrderedDict
    ) {
      const d = t.payload[o] as DictData;
      if (d.entries.size > d.nentries)
        problems.push(`dict ${o}: used ${d.entries.size} > nentries ${d.nentries}`);
      if (d.log2Size > 0 && d.usable + d.nentries > usableFraction(2 ** d.log2Size)) {
        problems.push(
          `dict ${o}: usable ${d.usable} + nentries ${d.nentries} > USABLE_FRACTION(${2 ** d.log2Size})`,
        );
      }
      const keysBytes =
        d.log2Size > 0 ? dictKeysBytes(heap.layout, d.log2Size, d.unicode) : undefined;
      if (heap.blocks.get(d.keysAddress) !== keysBytes) {
        problems.push(
          `dict ${o}: keys block of ${heap.blocks.get(d.keysAddress)} bytes, expected ${keysBytes}`,
        );
      }
    }
  }
  const blocks = new Set<number>();
  // 3.8–3.10 shared keys tables: held by their class and split dicts (dk_refcnt).
  const sharedHolders = new Map<SharedKeys, number>();
  const countSharedKeys = (keys: SharedKeys, n: number): void => {
    sharedHolders.set(keys, (sharedHolders.get(keys) ?? 0) + n);
    blocks.add(keys.address);
  };
  for (let o = 1; o < t.top; o++) {
    const state = t.state[o]!;
    if (state === SlotState.FREE) continue;
    const flags = t.flags[o]!;
    if (state === SlotState.LIVE) {
      const expected =
        flags & Flag.IMMORTAL
          ? heap.layout.immortalRefcount!
          : held[o]! +
            t.external[o]! +
            (flags & Flag.DEEP_STATIC ? DEEP_STATIC_REFCNT : flags & Flag.CACHED ? 1 : 0);
      if (t.refcnt[o] !== expected) {
        problems.push(
          `object ${o} (${heap.typeOf(o)}): refcnt ${t.refcnt[o]}, expected ${expected} (${held[o]} held, ${t.external[o]} external)`,
        );
      }
    }
    if (t.type[o] === TYPE_CODE.type) {
      const keys = (t.payload[o] as { cachedKeys?: SharedKeys | null }).cachedKeys;
      if (keys) countSharedKeys(keys, 1);
    }
    if (t.type[o] === TYPE_CODE.dict && state === SlotState.LIVE) {
      const keys = (t.payload[o] as DictData).sharedKeys;
      if (keys !== undefined) countSharedKeys(keys, 1);
    }
    if (flags & Flag.STATIC) continue;
    if (
      t.type[o] === TYPE_CODE.frame &&
      heap.blocks.get(t.address[o]!) !== frameBlockBytes(heap, t.allocated[o]!)
    ) {
      problems.push(
        `frame ${o}: block of ${heap.blocks.get(t.address[o]!)} bytes for ob_size ${t.allocated[o]}`,
      );
    }
    for (const address of [t.address[o]!, t.storage[o]!]) {
      if (address === 0) continue;
      if (!heap.blocks.has(address))
        problems.push(`object ${o}: block ${address} is not held by the heap`);
      blocks.add(address);
    }
    if (t.type[o] === TYPE_CODE.dict && state === SlotState.LIVE) {
      const keys = (t.payload[o] as DictData).keysAddress;
      if (keys !== 0) blocks.add(keys);
    }
    if (t.type[o] === TYPE_CODE.OrderedDict && state === SlotState.LIVE) {
      // Its keys table, od_fast_nodes and one block per node (ordered-dicts.ts).
      const d = t.payload[o] as DictData;
      const owned = [d.keysAddress, d.odict!.fastNodes, ...d.odict!.nodes.map((n) => n.address)];
      for (const address of owned) {
        if (address === 0) continue;
        if (!heap.blocks.has(address))
          problems.push(`OrderedDict ${o}: block ${address} is not held by the heap`);
        blocks.add(address);
      }
      if (d.odict!.nodes.length !== d.entries.size)
        problems.push(`OrderedDict ${o}: ${d.odict!.nodes.length} nodes, ${d.entries.size} keys`);
    }
  }
  const interned = internedTable(heap);
  if (internedDictBlock(heap) !== 0) blocks.add(internedDictBlock(heap));
  for (const [text, s] of interned) {
    if (!heap.isLive(s) || t.type[s] !== TYPE_CODE.str || t.payload[s] !== text)
      problems.push(`interned '${text}': object ${s} is not a live str with that text`);
    else if ((t.flags[s]! & Flag.INTERNED) === 0)
      problems.push(`interned '${text}': object ${s} is not flagged interned`);
  }
  for (let o = 1; o < t.top; o++) {
    if (t.state[o] === SlotState.LIVE && t.flags[o]! & Flag.INTERNED) {
      if (interned.get(t.payload[o] as string) !== o)
        problems.push(`str ${o} is flagged interned but not in the interned table`);
    }
  }
  for (const [keys, holders] of sharedHolders) {
    if (keys.refcnt !== holders)
      problems.push(`shared keys ${keys.address}: dk_refcnt ${keys.refcnt}, ${holders} holders`);
    if (keys.usable + keys.names.length !== usableFraction(2 ** keys.log2Size))
      problems.push(`shared keys ${keys.address}: usable + nentries ≠ USABLE_FRACTION`);
  }
  for (const [address, nbytes] of heap.blocks) {
    // A pymalloc block never serves more than SMALL_REQUEST_THRESHOLD bytes. (Small
    // requests outside the arenas are legitimate: realloc keeps a raw block raw.)
    if (heap.obmalloc.owns(address) && nbytes > heap.obmalloc.constants.smallRequestThreshold) {
      problems.push(`block ${address} of ${nbytes} bytes is inside a pymalloc arena`);
    }
  }
  const allocated = heap.obmalloc.getAllocatedBlocks() - heap.foreignBlocks;
  if (heap.blocks.size !== allocated) {
    problems.push(`heap holds ${heap.blocks.size} blocks, the allocator gave it ${allocated}`);
  }
  const cachedKeys = heap.blocks.size - blocks.size;
  if (cachedKeys < 0 || cachedKeys > heap.constants.dictKeysFreeList) {
    problems.push(`${cachedKeys} blocks belong to no object (only cached dict keys may)`);
  }
  for (const [target, refs] of heap.weakrefLists) {
    if (!heap.isLive(target)) problems.push(`weakrefs ${refs} point to dead object ${target}`);
    for (const r of refs) {
      if (!heap.isLive(r) || heap.weakrefTarget(r) !== target)
        problems.push(`weakref ${r} on ${target}'s list does not point to it`);
    }
  }
  for (let o = 1; o < t.top; o++) {
    if (t.type[o] !== TYPE_CODE.weakref || t.state[o] !== SlotState.LIVE) continue;
    const target = heap.weakrefTarget(o);
    if (target !== 0 && !(heap.weakrefLists.get(target) ?? []).includes(o))
      problems.push(`weakref ${o} to ${target} is not on its list`);
  }
  if (problems.length > 0) throw new HeapValidationError(problems);
}
