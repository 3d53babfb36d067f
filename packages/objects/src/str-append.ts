/**
 * PyUnicode_Append: `left + right` of two strs where CPython may grow `left` itself
 * instead of making a new str (Objects/unicodeobject.c, 3.8–3.14).
 *
 *   left is ''                    → a new reference to right; left released
 *   right is ''                   → left, unchanged
 *   left modifiable, right fits   → left's block reallocated to the new length
 *                                   (resize_compact: PyObject_Realloc, so the object may
 *                                   move), right's characters appended; the same object
 *   otherwise                     → a new str of both (PyUnicode_New), then left released
 *
 * "Modifiable" (unicode_modifiable): one reference, its hash never computed, not
 * interned, not an interpreter singleton or code constant. "Fits": right's kind is no
 * wider than left's, and an ASCII left takes only ASCII (its header would change).
 * Invariant: the reference to `left` is always consumed; the result is a new reference.
 *
 * Not modelled: a UTF-8 or wchar_t copy cached on a non-ASCII str (resize_compact frees
 * it first); the model makes no such copies.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { Flag } from './internal/table.ts';
import { newStr, strBytes } from './strings.ts';

/** Bytes per character of a model kind (0: ASCII, stored one byte each). */
function charWidth(kind: number): number {
  return kind === 0 ? 1 : kind;
}

/** True when CPython may resize `s` in place (unicode_modifiable). */
export function strModifiable(heap: HeapCore, s: ObjectHandle): boolean {
  const t = heap.table;
  const flags = t.flags[s]!;
  return (
    t.refcnt[s] === 1 &&
    (flags & (Flag.STATIC | Flag.IMMORTAL | Flag.INTERNED | Flag.HASHED | Flag.CACHED)) === 0
  );
}

/** PyUnicode_Append(&left, right): see the module comment. `right` stays the caller's. */
export function appendStr(heap: HeapCore, left: ObjectHandle, right: ObjectHandle): ObjectHandle {
  heap.check(left);
  heap.check(right);
  const t = heap.table;
  if (left === heap.emptyStr) {
    dropCallerReference(heap, left);
    return heap.share(right);
  }
  if (right === heap.emptyStr) return left;
  const leftKind = t.allocated[left]!;
  const rightKind = t.allocated[right]!;
  const text = (t.payload[left] as string) + (t.payload[right] as string);
  const length = t.length[left]! + t.length[right]!;
  if (
    strModifiable(heap, left) &&
    charWidth(rightKind) <= charWidth(leftKind) &&
    !(leftKind === 0 && rightKind !== 0)
  ) {
    t.address[left] = heap.memCall(
      'realloc',
      t.address[left]!,
      strBytes(heap, length, leftKind),
      'obj',
    );
    t.payload[left] = text;
    t.length[left] = length;
    return left;
  }
  const result = newStr(heap, text);
  dropCallerReference(heap, left);
  return result;
}

/** Py_DECREF of the caller's reference to `o` (deallocated at zero). */
function dropCallerReference(heap: HeapCore, o: ObjectHandle): void {
  heap.adopt(o);
  heap.release(o);
}
