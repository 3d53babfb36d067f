/**
 * The `__main__` module's names, one cell per name the program ever binds.
 *
 *   cells: name → { value }      every name a compiled load or store asked for
 *   bound: name → cell           the names with a value, in the dict's insertion order
 *
 * A compiled load or store takes its name's cell once, at compile time, and then reads
 * or writes `cell.value` without a lookup (CPython's LOAD_GLOBAL caches its dict index
 * the same way). Invariants: a cell is in `bound` exactly while its value is defined,
 * and `bound`'s order is the module dict's: a name unbound and bound again goes last.
 */
import type { ObjectHandle } from '@pymem/objects';

/** One module name: its value, undefined while the name is unbound. */
export interface GlobalCell {
  value: ObjectHandle | undefined;
}

/** The module's names; see the module comment. */
export class ModuleGlobals {
  private readonly cells: Map<string, GlobalCell> = new Map();
  private readonly bound: Map<string, GlobalCell> = new Map();

  /** The cell of `name` (made unbound on first use). */
  cell(name: string): GlobalCell {
    let cell = this.cells.get(name);
    if (cell === undefined) {
      cell = { value: undefined };
      this.cells.set(name, cell);
    }
    return cell;
  }

  /** The value bound to `name`, or undefined. */
  get(name: string): ObjectHandle | undefined {
    return this.bound.get(name)?.value;
  }

  /** Binds `name` in its `cell` to `v`: a name bound for the first time goes last. */
  bind(name: string, cell: GlobalCell, v: ObjectHandle): void {
    if (cell.value === undefined) this.bound.set(name, cell);
    cell.value = v;
  }

  /** Binds `name` to `v`. */
  set(name: string, v: ObjectHandle): void {
    this.bind(name, this.cell(name), v);
  }

  /** Unbinds `name` (no-op when unbound). */
  delete(name: string): void {
    const cell = this.bound.get(name);
    if (cell === undefined) return;
    cell.value = undefined;
    this.bound.delete(name);
  }

  /** The bound names, in insertion order. */
  names(): IterableIterator<string> {
    return this.bound.keys();
  }

  /** The bound values, in insertion order. */
  *values(): IterableIterator<ObjectHandle> {
    for (const cell of this.bound.values()) yield cell.value!;
  }

  /** The bound (name, value) pairs, in insertion order. */
  *[Symbol.iterator](): IterableIterator<[string, ObjectHandle]> {
    for (const [name, cell] of this.bound) yield [name, cell.value!];
  }
}
