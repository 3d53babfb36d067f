/**
 * The references an object holds, each with the name a Python programmer would give
 * it: `[0]` for a list or tuple item, `['key']` for a dict value (and `key` for the
 * key object itself), `.name` for an instance attribute or slot, `__dict__`,
 * `__class__`, `__defaults__`, `__closure__`, `cell_contents`, `__func__`, `__self__`.
 *
 * Invariant: the targets are exactly `heap.referents(o)`, in the same (tp_traverse)
 * order, so a view built from the edges shows every reference the collector sees.
 */

import { dictData } from './dicts.ts';
import { functionData } from './functions.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { classData, instanceData } from './instances.ts';

/** One reference from an object, named. */
export interface NamedReferent {
  /** How Python code reaches it from the holder (`[0]`, `['id']`, `.name`, `__dict__`, …). */
  readonly label: string;
  /** The object referred to. */
  readonly target: ObjectHandle;
}

/** The first references of an object, named, and how many it holds in all. */
export interface NamedReferents {
  /** At most `limit` references, in tp_traverse order. */
  readonly edges: readonly NamedReferent[];
  /** All the references it holds. */
  readonly total: number;
}

/**
 * `o`'s first `limit` references with their names, and their total. `keyText` gives
 * the text of a dict key for its label (the caller's repr; the heap does not format
 * values). A list or tuple is read only as far as `limit`.
 */
export function namedReferents(
  heap: HeapCore & { referents(o: ObjectHandle): ObjectHandle[] },
  o: ObjectHandle,
  keyText: (key: ObjectHandle) => string,
  limit: number = Number.POSITIVE_INFINITY,
): NamedReferents {
  const type = heap.typeName(o);
  if (type === 'list' || type === 'tuple') {
    const items = heap.items(o);
    const edges: NamedReferent[] = [];
    for (let i = 0; i < items.length && i < limit; i++)
      edges.push({ label: `[${i}]`, target: items[i]! });
    return { edges, total: items.length };
  }
  const all = allNamed(heap, o, type, keyText);
  return { edges: all.length > limit ? all.slice(0, limit) : all, total: all.length };
}

function allNamed(
  heap: HeapCore & { referents(o: ObjectHandle): ObjectHandle[] },
  o: ObjectHandle,
  type: string,
  keyText: (key: ObjectHandle) => string,
): NamedReferent[] {
  const targets = heap.referents(o);
  if (type === 'dict' || type === 'defaultdict' || type === 'Counter' || type === 'OrderedDict') {
    const d = dictData(heap, o);
    const out: NamedReferent[] = [];
    for (const node of d.odict?.nodes ?? []) out.push({ label: 'node key', target: node.key });
    if (d.defaultFactory) out.push({ label: '.default_factory', target: d.defaultFactory });
    for (const [identity, [key, value]] of d.entries) {
      if (d.sharedBy === undefined) {
        const text = keyText(key);
        out.push({ label: 'key', target: key }, { label: `[${text}]`, target: value });
      } else out.push({ label: `['${identity.slice(1)}']`, target: value });
    }
    return out;
  }
  if (type === 'instance') {
    const data = instanceData(heap, o);
    const cls = classData(heap, data.cls);
    const out: NamedReferent[] = [];
    data.slots.forEach((s, i) => {
      if (s !== 0) out.push({ label: `.${cls.slotNames[i]}`, target: s });
    });
    if (data.dict !== 0) out.push({ label: '__dict__', target: data.dict });
    for (const name of cls.sharedNames) {
      const v = data.values.get(name);
      if (v !== undefined) out.push({ label: `.${name}`, target: v });
    }
    out.push({ label: '__class__', target: data.cls });
    return out;
  }
  if (type === 'cell') return targets.map((target) => ({ label: 'cell_contents', target }));
  if (type === 'method')
    return targets.map((target, i) => ({ label: i === 0 ? '__func__' : '__self__', target }));
  if (type === 'function') {
    const { defaults, dict = 0, closure } = functionData(heap, o);
    const out: NamedReferent[] = [];
    if (defaults !== 0) out.push({ label: '__defaults__', target: defaults });
    if (dict !== 0) out.push({ label: '__dict__', target: dict });
    if (closure !== 0) out.push({ label: '__closure__', target: closure });
    return out;
  }
  return targets.map((target, i) => ({ label: `referent ${i}`, target }));
}
