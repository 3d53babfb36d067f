/**
 * A dict or one of its views (`d.keys()`, `d.values()`, `d.items()`) as the source of
 * `list(x)`, `list.extend(x)` and `sorted(x)` (PySequence_List): 3.8–3.12 iterate it
 * (a key, value or item iterator — the item iterator's reused 2-tuple included —
 * whose length hint is the dict's size presizes the list, trimmed at the end);
 * 3.13+ take list_extend_dict / list_extend_dictitems: no iterator, one resize by the
 * dict's size, no trim (measured: `list({3 keys})` is 120 bytes on 3.13.0, 88 on 3.12.1).
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { profileRules } from './profile-rules.ts';

const DICT_SOURCES: ReadonlySet<string> = new Set([
  'dict',
  'Counter',
  'dict_keys',
  'dict_values',
  'dict_items',
]);

/** True when `o` is a dict (or a Counter) or one of its views. */
export function isDictSource(heap: Heap, o: ObjectHandle): boolean {
  return DICT_SOURCES.has(heap.typeOf(o));
}

/** The dict a dict source is (itself) or views. */
export function sourceDict(heap: Heap, o: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(o);
  return t === 'dict' || t === 'Counter' ? o : heap.referents(o)[0]!;
}

/** True when extending a list by `o` takes 3.13's list_extend_dict (no iterator). */
export function extendsDictDirectly(heap: Heap, o: ObjectHandle): boolean {
  // A Counter is no exact dict: 3.13's list_extend iterates it (its views are exact views).
  return (
    isDictSource(heap, o) &&
    heap.typeOf(o) !== 'Counter' &&
    profileRules(heap.layout.minor).listExtendDictResizes
  );
}

/**
 * `l.extend(o)` for a dict source `o`, as the profile does it (see the module comment).
 */
export function extendByDict(heap: Heap, l: ObjectHandle, o: ObjectHandle): void {
  const t = heap.typeOf(o);
  if (extendsDictDirectly(heap, o)) {
    const which = t === 'dict_values' ? 'values' : t === 'dict_items' ? 'items' : 'keys';
    heap.listExtendDict(l, sourceDict(heap, o), which);
    return;
  }
  const it = heap.newIterator(o);
  const items = {
    *[Symbol.iterator]() {
      for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
    },
  };
  heap.listExtend(l, { items, lengthHint: heap.lengthOf(sourceDict(heap, o)) });
  heap.decref(it);
}
