/**
 * How a list's item array (`ob_item`, `allocated` slots) grows and shrinks.
 *
 *   list_resize(newsize):  allocated >= newsize >= allocated/2  → only ob_size changes
 *                          otherwise → realloc to new_allocated slots:
 *     3.8    newsize + newsize/8 + (newsize < 9 ? 3 : 6)
 *     3.9+   (newsize + newsize/8 + 6) & ~3, or (newsize + 3) & ~3 when the jump from
 *            ob_size is larger than the over-allocation (a big extend)
 *     all    newsize == 0 → 0 slots
 *
 *   list_preallocate_exact(n) (3.10+): n rounded up to even; before 3.10 the exact n.
 *
 * Invariant: the result is ≥ newsize. Models list_resize and list_preallocate_exact,
 * Objects/listobject.c, 3.8 to 3.14.
 */

/** `list_resize`: the new `allocated` (the caller reallocates only when it differs). */
export function listResizeAllocation(
  minor: number,
  allocated: number,
  size: number,
  newsize: number,
): number {
  if (allocated >= newsize && newsize >= allocated >> 1) return allocated;
  if (newsize === 0) return 0;
  if (minor < 9) return newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
  let grown = (newsize + (newsize >> 3) + 6) & ~3;
  if (newsize - size > grown - newsize) grown = (newsize + 3) & ~3;
  return grown;
}

/** `list_preallocate_exact(n)`: slots reserved before filling a fresh list from a sized source. */
export function listPreallocation(minor: number, n: number): number {
  return minor >= 10 ? (n + 1) & ~1 : n;
}
