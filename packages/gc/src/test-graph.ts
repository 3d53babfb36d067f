/**
 * A compact in-memory object graph for learners and tests: objects with reference
 * counts, typed references in insertion order, weak references with callbacks,
 * finalizers and deallocation — enough to run the collector on programs like
 * `a = []; a.append(a); del a` and on a million objects.
 *
 * Layout (index = object id; arrays grow by doubling; freed ids are reused LIFO):
 *
 *   refcount[id]   Int32   strong references (edges + external)
 *   typeOf[id]     Uint8   index into `types`; 255 = free id
 *   firstEdge[id]  Int32   first outgoing reference cell, -1 none   ┐ singly linked,
 *   lastEdge[id]   Int32   last cell (appends are O(1))             ┘ insertion order
 *   edgeTarget[c]  Int32   referent of cell c
 *   edgeNext[c]    Int32   next cell of the same object, or the next free cell
 *   weakrefTarget[id] Int32 for weakref objects: the referent, -1 once cleared
 *   firstWeakref[id]  Int32 head of the referent's weakref list, -1 none
 *   nextWeakref[id]   Int32 for weakref objects: next in the referent's list
 *
 * States of an id: free → alive (refcount ≥ 1) → (refcount 0) deallocated → free.
 * Deallocation (`tp_dealloc`), iterative so a million-long chain is fine: runs the
 * finalizer once if not yet finalized (it may resurrect), clears weakrefs to the
 * object (calling their callbacks), drops its references (freeing what reaches 0),
 * tells the collector (`PyObject_GC_Del` → `onGcDeallocation`) and frees the id.
 *
 * Invariants (checked by `validateTestGraph`):
 *   1. refcount[id] = (edges into id) + external[id] for every live id, and ≥ 1.
 *   2. Every live weakref with a target is in exactly that target's weakref list.
 *   3. Tracked ⇒ the type is a GC type; dicts follow MAINTAIN_TRACKING (≤ 3.13).
 *
 * Not modelled: the order in which a type's tp_clear/tp_dealloc drops its references
 * (lists drop theirs last to first in CPython; here always first to last), tuples with
 * NULL items, and free lists (`newObject(type, { fromFreeList: true })` marks a reuse).
 */
import type { Collector } from './collector.ts';
import type { GcGraph, GcKind, Visit } from './graph.ts';

/** A type of {@link TestGraph} objects. */
export interface TestType {
  /** `tp_name`. */
  readonly name: string;
  /** A GC type (`Py_TPFLAGS_HAVE_GC`). */
  readonly gc: boolean;
  /** Exact tuple or dict (untracking rules), else `'other'`. */
  readonly kind: GcKind;
  /** The type has `tp_clear` (tuples do not). */
  readonly clears: boolean;
  /** A legacy `tp_del`. */
  readonly legacyFinalizer: boolean;
  /** A PEP 442 `tp_finalize`; `onFinalize` (if any) runs as its body. */
  readonly finalizer: boolean;
  /** The body of `tp_finalize` (e.g. resurrect by `graph.incref(id)`). */
  readonly onFinalize?: (graph: TestGraph, id: number) => void;
  /** Instances are weak reference objects. */
  readonly weakref: boolean;
}

/** Fields of {@link TestType} that default to false / `'other'`. */
export type TestTypeSpec = Pick<TestType, 'name'> & Partial<Omit<TestType, 'name'>>;

const FREE = 255;

/** The built-in types every TestGraph starts with (indices are stable). */
export const BUILTIN_TYPES: readonly TestTypeSpec[] = [
  { name: 'list', gc: true, clears: true },
  { name: 'dict', gc: true, kind: 'dict', clears: true },
  { name: 'tuple', gc: true, kind: 'tuple' },
  { name: 'object', gc: true, clears: true },
  { name: 'weakref', gc: true, clears: true, weakref: true },
  { name: 'int' },
  { name: 'str' },
];

/** Options for {@link TestGraph}. */
export interface TestGraphOptions {
  /** Starting capacity in objects (grows on demand). */
  readonly capacity?: number;
  /** Dicts are created untracked and tracked on insertion (3.8–3.13); 3.14 tracks every dict. Default true. */
  readonly lazyDictTracking?: boolean;
}

/** A compact object graph implementing {@link GcGraph}. See the module comment. */
export class TestGraph implements GcGraph {
  /** Registered types; `typeIndex(name)` finds one. */
  readonly types: TestType[] = [];
  /** The collector told about allocations and frees (`attach`). */
  collector: Collector | null = null;
  /** Weakref ids whose callback ran, in order. */
  readonly callbackLog: number[] = [];
  /** Ids in the order tp_finalize ran. */
  readonly finalizeLog: number[] = [];
  /** Number of live objects. */
  liveCount = 0;

  private refcounts: Int32Array;
  private externals: Int32Array;
  private typeOf: Uint8Array;
  private firstEdgeOf: Int32Array;
  private lastEdgeOf: Int32Array;
  private weakrefTargetOf: Int32Array;
  private firstWeakrefOf: Int32Array;
  private nextWeakrefOf: Int32Array;
  private callbackFlags: Uint8Array;
  private edgeTarget: Int32Array;
  private edgeNext: Int32Array;
  private freeCell = -1;
  private usedCells = 0;
  private freeIds: number[] = [];
  private nextId = 0;
  private readonly lazyDicts: boolean;
  private readonly pending: number[] = [];
  private readonly immortals = new Set<number>();
  private readonly roots = { globals: new Set<number>(), stacks: new Set<number>() };

  constructor(options: TestGraphOptions = {}) {
    const capacity = Math.max(16, options.capacity ?? 1024);
    this.refcounts = new Int32Array(capacity);
    this.externals = new Int32Array(capacity);
    this.typeOf = new Uint8Array(capacity).fill(FREE);
    this.firstEdgeOf = new Int32Array(capacity).fill(-1);
    this.lastEdgeOf = new Int32Array(capacity).fill(-1);
    this.weakrefTargetOf = new Int32Array(capacity).fill(-1);
    this.firstWeakrefOf = new Int32Array(capacity).fill(-1);
    this.nextWeakrefOf = new Int32Array(capacity).fill(-1);
    this.callbackFlags = new Uint8Array(capacity);
    this.edgeTarget = new Int32Array(capacity);
    this.edgeNext = new Int32Array(capacity);
    this.lazyDicts = options.lazyDictTracking ?? true;
    for (const spec of BUILTIN_TYPES) this.defineType(spec);
  }

  /** Connects the collector that counts allocations and tracks objects. Returns `this`. */
  attach(collector: Collector): this {
    this.collector = collector;
    return this;
  }

  /** Registers a type; returns its index. */
  defineType(spec: TestTypeSpec): number {
    if (this.types.length >= FREE) throw new RangeError('a TestGraph holds at most 255 types');
    this.types.push({
      gc: false,
      kind: 'other',
      clears: false,
      legacyFinalizer: false,
      finalizer: false,
      weakref: false,
      ...spec,
    });
    return this.types.length - 1;
  }

  /** Index of the type called `name`. @throws RangeError when unknown. */
  typeIndex(name: string): number {
    const index = this.types.findIndex((type) => type.name === name);
    if (index < 0) throw new RangeError(`no type named ${name}`);
    return index;
  }

  /**
   * Allocates an object of `type` (index or name) with one external reference (the
   * creator's) and, for GC types, counts it with the collector (which may collect now)
   * and tracks it — except dicts under lazy tracking, which start untracked. Pass
   * `track: false` to keep a GC object untracked, `fromFreeList: true` for an object
   * reused from a free list (tracked, but not counted: no allocation happened).
   */
  newObject(
    type: number | string,
    options: { readonly track?: boolean; readonly fromFreeList?: boolean } = {},
  ): number {
    const typeIndex = typeof type === 'string' ? this.typeIndex(type) : type;
    const spec = this.types[typeIndex];
    if (!spec) throw new RangeError(`no type ${type}`);
    if (spec.gc && !options.fromFreeList) this.collector?.onGcAllocation();
    const id = this.freeIds.length > 0 ? (this.freeIds.pop() as number) : this.nextId++;
    this.ensure(id);
    this.typeOf[id] = typeIndex;
    this.refcounts[id] = 1;
    this.externals[id] = 1;
    this.liveCount++;
    const track = options.track ?? !(spec.kind === 'dict' && this.lazyDicts);
    if (spec.gc && track) this.collector?.track(id);
    return id;
  }

  /** Creates a weak reference to `target` (optionally with a callback), held by its creator. */
  newWeakref(target: number, callback = false): number {
    const wr = this.newObject('weakref');
    this.weakrefTargetOf[wr] = target;
    this.callbackFlags[wr] = callback ? 1 : 0;
    const head = this.firstWeakrefOf[target] as number;
    // PyWeakref_NewRef: plain refs go first; a ref with a callback goes after the plain one.
    if (!callback || head === -1 || this.callbackFlags[head] === 1) {
      this.nextWeakrefOf[wr] = head;
      this.firstWeakrefOf[target] = wr;
    } else {
      this.nextWeakrefOf[wr] = this.nextWeakrefOf[head] as number;
      this.nextWeakrefOf[head] = wr;
    }
    return wr;
  }

  /** `from` takes a strong reference to `to` (appended to its referents); dicts may become tracked. */
  addReference(from: number, to: number): void {
    this.checkAlive(from);
    this.checkAlive(to);
    const cell = this.allocCell();
    this.edgeTarget[cell] = to;
    this.edgeNext[cell] = -1;
    const last = this.lastEdgeOf[from] as number;
    if (last === -1) this.firstEdgeOf[from] = cell;
    else this.edgeNext[last] = cell;
    this.lastEdgeOf[from] = cell;
    this.refcounts[to] = (this.refcounts[to] as number) + 1;
    const collector = this.collector;
    if (
      collector &&
      this.kind(from) === 'dict' &&
      !collector.isTracked(from) &&
      this.mayBeTracked(to)
    )
      collector.track(from);
  }

  /** `from` drops its first reference to `to` (which may be freed). @throws RangeError if none. */
  removeReference(from: number, to: number): void {
    let before = -1;
    for (
      let cell = this.firstEdgeOf[from] as number;
      cell !== -1;
      cell = this.edgeNext[cell] as number
    ) {
      if (this.edgeTarget[cell] === to) {
        const after = this.edgeNext[cell] as number;
        if (before === -1) this.firstEdgeOf[from] = after;
        else this.edgeNext[before] = after;
        if (this.lastEdgeOf[from] === cell) this.lastEdgeOf[from] = before;
        this.freeCellAt(cell);
        this.decrefInternal(to);
        this.drain();
        return;
      }
      before = cell;
    }
    throw new RangeError(`object ${from} holds no reference to ${to}`);
  }

  /** Adds an external (root) reference to `id`. */
  incref(id: number): void {
    this.checkAlive(id);
    this.refcounts[id] = (this.refcounts[id] as number) + 1;
    this.externals[id] = (this.externals[id] as number) + 1;
  }

  /** Drops an external reference to `id`; at zero the object is deallocated. @throws RangeError without one. */
  decref(id: number): void {
    this.checkAlive(id);
    if ((this.externals[id] as number) <= 0)
      throw new RangeError(`object ${id} has no external reference`);
    this.externals[id] = (this.externals[id] as number) - 1;
    this.decrefInternal(id);
    this.drain();
  }

  /** The object is alive (allocated and not yet freed). */
  isAlive(id: number): boolean {
    return id >= 0 && id < this.typeOf.length && this.typeOf[id] !== FREE;
  }

  /** External references to `id`. */
  externalRefs(id: number): number {
    return this.externals[id] as number;
  }

  /** The type of a live object. */
  typeOfObject(id: number): TestType {
    return this.types[this.typeOf[id] as number] as TestType;
  }

  /** For weakref objects: the referent, or -1 once cleared. */
  weakrefTarget(wr: number): number {
    return this.weakrefTargetOf[wr] as number;
  }

  /** The weakref after `wr` in its referent's weakref list, or -1. */
  nextWeakref(wr: number): number {
    return this.nextWeakrefOf[wr] as number;
  }

  /** Ids of every live object (ascending). */
  liveObjects(): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.nextId; id++) if (this.typeOf[id] !== FREE) out.push(id);
    return out;
  }

  // ---- GcGraph ---------------------------------------------------------------------

  /** {@inheritDoc GcGraph.traverse} */
  traverse(id: number, visit: Visit): void {
    const target = this.edgeTarget;
    const next = this.edgeNext;
    for (let cell = this.firstEdgeOf[id] as number; cell !== -1; cell = next[cell] as number)
      visit(target[cell] as number);
  }

  /** {@inheritDoc GcGraph.refcount} */
  refcount(id: number): number {
    return this.refcounts[id] as number;
  }

  /** {@inheritDoc GcGraph.isGc} */
  isGc(id: number): boolean {
    return this.typeOfObject(id).gc;
  }

  /** {@inheritDoc GcGraph.kind} */
  kind(id: number): GcKind {
    return this.typeOfObject(id).kind;
  }

  /** {@inheritDoc GcGraph.isImmortal} (only objects passed to `setImmortal`). */
  isImmortal(id: number): boolean {
    return this.immortals.has(id);
  }

  /** Makes `id` immortal (PEP 683, 3.12+): it is never freed; collectors ≥ 3.12 set it aside. */
  setImmortal(id: number): void {
    this.checkAlive(id);
    this.immortals.add(id);
    this.incref(id);
  }

  /**
   * Makes `id` a root the incremental collector (3.14.0–3.14.4) marks without counting
   * references — `'globals'` (e.g. held by sys or builtins) or `'stacks'` (held by a
   * running frame, like a loop's iterator) — or, with null, no longer one. The caller
   * still owns the reference that keeps it alive.
   */
  setRoot(id: number, kind: 'globals' | 'stacks' | null): void {
    this.roots.globals.delete(id);
    this.roots.stacks.delete(id);
    if (kind !== null) {
      this.checkAlive(id);
      this.roots[kind].add(id);
    }
  }

  /** {@inheritDoc GcGraph.incrementalRoots} In the order `setRoot` made them. */
  incrementalRoots(which: 'globals' | 'stacks', visit: Visit): void {
    for (const id of this.roots[which]) if (this.isAlive(id)) visit(id);
  }

  /** {@inheritDoc GcGraph.hasLegacyFinalizer} */
  hasLegacyFinalizer(id: number): boolean {
    return this.typeOfObject(id).legacyFinalizer;
  }

  /** {@inheritDoc GcGraph.hasFinalizer} */
  hasFinalizer(id: number): boolean {
    return this.typeOfObject(id).finalizer;
  }

  /** {@inheritDoc GcGraph.isWeakref} */
  isWeakref(id: number): boolean {
    return this.typeOfObject(id).weakref;
  }

  /** {@inheritDoc GcGraph.firstWeakref} */
  firstWeakref(id: number): number {
    return this.firstWeakrefOf[id] as number;
  }

  /** {@inheritDoc GcGraph.weakrefHasCallback} */
  weakrefHasCallback(wr: number): boolean {
    return this.callbackFlags[wr] === 1;
  }

  /** {@inheritDoc GcGraph.clearWeakref} */
  clearWeakref(wr: number): void {
    const target = this.weakrefTargetOf[wr] as number;
    if (target === -1) return;
    let before = -1;
    for (
      let at = this.firstWeakrefOf[target] as number;
      at !== -1;
      at = this.nextWeakrefOf[at] as number
    ) {
      if (at === wr) {
        const after = this.nextWeakrefOf[wr] as number;
        if (before === -1) this.firstWeakrefOf[target] = after;
        else this.nextWeakrefOf[before] = after;
        break;
      }
      before = at;
    }
    this.nextWeakrefOf[wr] = -1;
    this.weakrefTargetOf[wr] = -1;
  }

  /** {@inheritDoc GcGraph.callWeakrefCallback} */
  callWeakrefCallback(wr: number): void {
    this.refcounts[wr] = (this.refcounts[wr] as number) + 1;
    this.callbackLog.push(wr);
    this.decrefInternal(wr);
    this.drain();
  }

  /** {@inheritDoc GcGraph.finalize} */
  finalize(id: number): void {
    this.refcounts[id] = (this.refcounts[id] as number) + 1;
    this.finalizeLog.push(id);
    this.typeOfObject(id).onFinalize?.(this, id);
    this.decrefInternal(id);
    this.drain();
  }

  /** {@inheritDoc GcGraph.clear} Drops every reference `id` holds (types without tp_clear: nothing). */
  clear(id: number): void {
    if (!this.typeOfObject(id).clears) return;
    this.refcounts[id] = (this.refcounts[id] as number) + 1;
    this.dropReferences(id);
    this.decrefInternal(id);
    this.drain();
  }

  /** {@inheritDoc GcGraph.holdInGarbage} */
  holdInGarbage(id: number): void {
    this.incref(id);
  }

  /** {@inheritDoc GcGraph.typeName} */
  typeName(id: number): string {
    return this.typeOfObject(id).name;
  }

  /** {@inheritDoc GcGraph.address} A made-up address: 16-byte aligned, from the id. */
  address(id: number): number {
    return 0x7f0000000000 + id * 16;
  }

  // ---- internals ---------------------------------------------------------------------

  private mayBeTracked(id: number): boolean {
    const spec = this.typeOfObject(id);
    return spec.gc && (spec.kind !== 'tuple' || (this.collector?.isTracked(id) ?? true));
  }

  private checkAlive(id: number): void {
    if (!this.isAlive(id)) throw new RangeError(`object ${id} is not alive`);
  }

  private decrefInternal(id: number): void {
    const count = (this.refcounts[id] as number) - 1;
    this.refcounts[id] = count;
    if (count === 0) this.pending.push(id);
  }

  /** Deallocates everything whose count reached zero, without recursion. */
  private drain(): void {
    const pending = this.pending;
    while (pending.length > 0) {
      const id = pending.pop() as number;
      if (this.refcounts[id] !== 0 || this.typeOf[id] === FREE) continue;
      this.deallocate(id);
    }
  }

  private deallocate(id: number): void {
    const spec = this.typeOfObject(id);
    const collector = this.collector;
    if (spec.finalizer && collector && !collector.isFinalized(id)) {
      // PyObject_CallFinalizerFromDealloc: may resurrect.
      collector.setFinalized(id);
      this.refcounts[id] = 1;
      this.finalizeLog.push(id);
      spec.onFinalize?.(this, id);
      this.refcounts[id] = (this.refcounts[id] as number) - 1;
      if (this.refcounts[id] !== 0) return;
    }
    collector?.untrack(id);
    // PyObject_ClearWeakRefs: clear every weakref, then call the callbacks.
    const withCallback: number[] = [];
    for (
      let wr = this.firstWeakrefOf[id] as number;
      wr !== -1;
      wr = this.firstWeakrefOf[id] as number
    ) {
      this.clearWeakref(wr);
      if (this.callbackFlags[wr] === 1) withCallback.push(wr);
    }
    for (const wr of withCallback) if (this.isAlive(wr)) this.callWeakrefCallback(wr);
    if (spec.weakref) this.clearWeakref(id);
    this.dropReferences(id);
    if (spec.gc) collector?.onGcDeallocation(id);
    this.typeOf[id] = FREE;
    this.externals[id] = 0;
    this.callbackFlags[id] = 0;
    this.liveCount--;
    this.freeIds.push(id);
  }

  private dropReferences(id: number): void {
    let cell = this.firstEdgeOf[id] as number;
    this.firstEdgeOf[id] = -1;
    this.lastEdgeOf[id] = -1;
    while (cell !== -1) {
      const next = this.edgeNext[cell] as number;
      const target = this.edgeTarget[cell] as number;
      this.freeCellAt(cell);
      this.decrefInternal(target);
      cell = next;
    }
  }

  private allocCell(): number {
    if (this.freeCell !== -1) {
      const cell = this.freeCell;
      this.freeCell = this.edgeNext[cell] as number;
      return cell;
    }
    if (this.usedCells === this.edgeTarget.length) {
      const grow = (old: Int32Array): Int32Array => {
        const copy = new Int32Array(old.length * 2);
        copy.set(old);
        return copy;
      };
      this.edgeTarget = grow(this.edgeTarget);
      this.edgeNext = grow(this.edgeNext);
    }
    return this.usedCells++;
  }

  private freeCellAt(cell: number): void {
    this.edgeNext[cell] = this.freeCell;
    this.freeCell = cell;
  }

  private ensure(id: number): void {
    if (id < this.typeOf.length) return;
    let capacity = this.typeOf.length * 2;
    while (capacity <= id) capacity *= 2;
    const grow32 = (old: Int32Array, fill: number): Int32Array => {
      const copy = new Int32Array(capacity).fill(fill);
      copy.set(old);
      return copy;
    };
    this.refcounts = grow32(this.refcounts, 0);
    this.externals = grow32(this.externals, 0);
    this.firstEdgeOf = grow32(this.firstEdgeOf, -1);
    this.lastEdgeOf = grow32(this.lastEdgeOf, -1);
    this.weakrefTargetOf = grow32(this.weakrefTargetOf, -1);
    this.firstWeakrefOf = grow32(this.firstWeakrefOf, -1);
    this.nextWeakrefOf = grow32(this.nextWeakrefOf, -1);
    const types = new Uint8Array(capacity).fill(FREE);
    types.set(this.typeOf);
    this.typeOf = types;
    const flags = new Uint8Array(capacity);
    flags.set(this.callbackFlags);
    this.callbackFlags = flags;
  }
}

/**
 * Checks the TestGraph invariants (module comment) — and, with a collector, that
 * only GC objects are tracked. Returns the problems found (empty when valid).
 */
export function validateTestGraph(graph: TestGraph): string[] {
  const problems: string[] = [];
  const live = graph.liveObjects();
  const incoming = new Map<number, number>();
  for (const id of live) {
    graph.traverse(id, (to) => {
      if (!graph.isAlive(to)) problems.push(`object ${id} refers to freed object ${to}`);
      incoming.set(to, (incoming.get(to) ?? 0) + 1);
    });
  }
  for (const id of live) {
    const expected = (incoming.get(id) ?? 0) + graph.externalRefs(id);
    if (graph.refcount(id) !== expected)
      problems.push(`object ${id}: refcount ${graph.refcount(id)}, but ${expected} references`);
    if (graph.refcount(id) < 1)
      problems.push(`object ${id} is alive with refcount ${graph.refcount(id)}`);
    if (graph.collector?.isTracked(id) && !graph.isGc(id))
      problems.push(`object ${id} is tracked but not a GC type`);
    if (graph.isWeakref(id)) {
      const target = graph.weakrefTarget(id);
      if (target !== -1) {
        let found = 0;
        for (
          let wr = graph.firstWeakref(target);
          wr !== -1 && found < 2;
          wr = graph.nextWeakref(wr)
        )
          if (wr === id) found++;
        if (found !== 1) problems.push(`weakref ${id} is not in its target ${target}'s list`);
      }
    }
  }
  if (live.length !== graph.liveCount)
    problems.push(`liveCount ${graph.liveCount} but ${live.length} live objects`);
  return problems;
}
