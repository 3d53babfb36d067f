/**
 * Why an object of a heap snapshot is alive: the shortest chain of references that
 * reaches it from a module, or — when no module reaches it — from an object held
 * from outside the snapshot (a frame's local, a C global: its refcount exceeds the
 * references the snapshot explains).
 *
 *   referrers (the snapshot's edges reversed) ──BFS from the target──► nearest module
 *                                                                  └─► else nearest external
 *
 *   module __main__.__dict__ → dict['registry'] → list[3] → __main__.Leak at 0x7f…
 *
 * Each step names the edge where the recorder could (list and tuple indexes, dict
 * keys that are ASCII strings or ints, a module's or an instance's `__dict__`), and
 * two more from the shape of the graph alone, the same in 3.8–3.13: a cell's only
 * referent is its `cell_contents` (`cell_traverse` visits `ob_ref` alone), and a
 * function's referent that is a non-empty tuple of cells is its `__closure__`.
 *
 * Invariant: every consecutive pair of a chain's path is an edge of the snapshot
 * (`path[k+1]` is among `path[k]`'s referents), and the path ends at the target.
 */
import { HeapObjectFlag, type HeapSnapshot, heapEdgeName } from '@pymem/tracing';

/** One reference chain. */
export interface ReferenceChain {
  /** What the chain starts at: a module, or an object referenced from outside the snapshot. */
  readonly root: 'module' | 'external' | 'none';
  /** Object numbers from the root to the target. */
  readonly path: readonly number[];
  /** The edge taken from each object of `path` to the next (`''` where unnamed). */
  readonly edges: readonly string[];
  /** The chain in one line. */
  readonly text: string;
}

/** `module.qualname` of object `i` (builtins without the module). */
export function heapTypeName(snapshot: HeapSnapshot, i: number): string {
  const type = snapshot.types[snapshot.type[i] as number];
  if (!type) return '?';
  return type.module === 'builtins' ? type.qualname : `${type.module}.${type.qualname}`;
}

/** The type of object `i` is exactly the builtin `qualname`. */
function isBuiltin(snapshot: HeapSnapshot, i: number, qualname: string): boolean {
  const type = snapshot.types[snapshot.type[i] as number];
  return type?.module === 'builtins' && type.qualname === qualname;
}

/**
 * The name of the edge from object `i` to its referent at `position`: the recorder's,
 * else a closure's (see the module comment), else ''.
 */
function edgeName(snapshot: HeapSnapshot, i: number, position: number): string {
  const recorded = heapEdgeName(snapshot, i, position);
  if (recorded !== '') return recorded;
  if (isBuiltin(snapshot, i, 'cell')) return '.cell_contents';
  if (isBuiltin(snapshot, i, 'function')) {
    const to = snapshot.refs[(snapshot.refStart[i] as number) + position] as number;
    const start = snapshot.refStart[to] as number;
    const end = snapshot.refStart[to + 1] as number;
    if (!isBuiltin(snapshot, to, 'tuple') || start === end) return '';
    for (let k = start; k < end; k++)
      if (!isBuiltin(snapshot, snapshot.refs[k] as number, 'cell')) return '';
    return '.__closure__';
  }
  return '';
}

/** Finds chains in one snapshot; builds the reversed edges once. */
export class ReferenceChains {
  private readonly snapshot: HeapSnapshot;
  private readonly revStart: Uint32Array;
  private readonly revFrom: Uint32Array;
  private readonly revPosition: Uint32Array;
  private readonly external: Uint8Array;

  /** Indexes `snapshot` (complete). */
  constructor(snapshot: HeapSnapshot) {
    this.snapshot = snapshot;
    const n = snapshot.length;
    const { refStart, refs } = snapshot;
    const incoming = new Uint32Array(n + 1);
    for (const to of refs) incoming[to + 1] = (incoming[to + 1] as number) + 1;
    for (let i = 0; i < n; i++)
      incoming[i + 1] = (incoming[i + 1] as number) + (incoming[i] as number);
    this.revStart = incoming.slice();
    const fill = incoming.slice(0, n);
    this.revFrom = new Uint32Array(refs.length);
    this.revPosition = new Uint32Array(refs.length);
    for (let from = 0; from < n; from++) {
      const end = refStart[from + 1] as number;
      for (let k = refStart[from] as number; k < end; k++) {
        const to = refs[k] as number;
        const slot = fill[to] as number;
        fill[to] = slot + 1;
        this.revFrom[slot] = from;
        this.revPosition[slot] = k - (refStart[from] as number);
      }
    }
    this.external = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const referrers = (this.revStart[i + 1] as number) - (this.revStart[i] as number);
      const immortal = ((snapshot.flags[i] as number) & HeapObjectFlag.immortal) !== 0;
      if (!immortal && (snapshot.refcount[i] as number) > referrers) this.external[i] = 1;
    }
  }

  /** The object at `address`, or −1. */
  objectAt(address: number): number {
    return this.snapshot.address.indexOf(address);
  }

  /** The shortest chain from a module to `target` (else from an external reference). */
  chainTo(target: number): ReferenceChain {
    const snapshot = this.snapshot;
    const n = snapshot.length;
    const next = new Int32Array(n).fill(-1); // the object one step closer to the target
    const via = new Int32Array(n).fill(-1); // the referent position of that step
    const seen = new Uint8Array(n);
    const queue = [target];
    seen[target] = 1;
    let firstExternal = -1;
    let module = -1;
    for (let head = 0; head < queue.length && module < 0; head++) {
      const i = queue[head] as number;
      if (this.isModule(i)) {
        module = i;
        break;
      }
      if (firstExternal < 0 && this.external[i]) firstExternal = i;
      const end = this.revStart[i + 1] as number;
      for (let k = this.revStart[i] as number; k < end; k++) {
        const from = this.revFrom[k] as number;
        if (seen[from]) continue;
        seen[from] = 1;
        next[from] = i;
        via[from] = this.revPosition[k] as number;
        queue.push(from);
      }
    }
    const root = module >= 0 ? module : firstExternal;
    const kind = module >= 0 ? 'module' : firstExternal >= 0 ? 'external' : 'none';
    const path: number[] = [];
    const edges: string[] = [];
    for (let i = root >= 0 ? root : target; i !== -1; i = next[i] as number) {
      path.push(i);
      if (next[i] !== -1) edges.push(edgeName(snapshot, i, via[i] as number));
    }
    const parts: string[] = [];
    path.forEach((i, k) => {
      const name =
        k === 0 && kind === 'module'
          ? `module ${snapshot.labels.get(i) ?? '?'}`
          : k === path.length - 1
            ? `${heapTypeName(snapshot, i)} at 0x${(snapshot.address[i] as number).toString(16)}`
            : heapTypeName(snapshot, i);
      parts.push(`${name}${edges[k] ?? ''}`);
    });
    let text = parts.join(' → ');
    if (kind === 'external')
      text = `(referenced from outside the snapshot: a frame or C code) ${text}`;
    if (kind === 'none')
      text = `(no module or outside reference reaches it: cyclic garbage) ${text}`;
    return { root: kind, path, edges, text };
  }

  private isModule(i: number): boolean {
    const type = this.snapshot.types[this.snapshot.type[i] as number];
    return type?.module === 'builtins' && type.qualname === 'module';
  }
}
