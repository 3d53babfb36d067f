/**
 * C struct layouts of CPython's built-in objects, per profile and pointer width.
 *
 * Every object starts with `PyObject` (refcount + type pointer = 2 words; 3.14 splits
 * the 64-bit refcount word into a 32-bit count, an overflow and flags, same size).
 * Objects of GC types are preceded by the collector's header; 3.11+ types with a
 * managed dict (and, 3.12+, a managed weakref list) have two more words before it:
 *
 *   block ─► [managed dict/values][managed weakref]  3.11+ only, those types only
 *            [_gc_next][_gc_prev]                     PyGC_Head, GC types only
 *   id() ──► [ob_refcnt][ob_type] … type fields …     what sys.getsizeof measures
 *
 * Sizes in bytes, for a 64-bit build (`pointerSize` 8: 3.8–3.13 as run here, 3.14
 * from source) or a 32-bit one (`pointerSize` 4: Pyodide's wasm32 CPython 3.14):
 *
 *   object      3.8–3.10           3.11                3.12–3.13            3.14
 *   int         3w + 4·|ndigits|   3w + 4·max(1,nd)    same (lv_tag word)   same
 *   str ASCII   6w (wstr) + n+1    6w + n+1            5w + n+1             same
 *   str compact 9w + k(n+1)        9w + k(n+1)         7w + k(n+1)          same
 *   bytes       4w + n + 1         …                   …                    …
 *   tuple       2w GC + 3w + w·n   …                   …                    + ob_hash word
 *   list        2w GC + 5w         (+ w·allocated in a separate block)
 *   dict        2w GC + 2w + w + 8 + 2w (ma_version_tag is 64-bit)
 *   dict keys   5w + ix·size + 3w·usable   │ 3.11+: w + 4 + 4 + 2w + ix·size + E·usable,
 *                                          │ E = 2w (all-str keys) or 3w
 *   set         2w GC + 6w + 8·2w smalltable + w weakreflist
 *
 * (w = pointer size; the dict struct is 8-aligned, so 32 bytes, not 28, on wasm32.)
 * Invariants: `gcHeader === 2 * pointerSize`; a layout is a pure function of
 * (profile, pointerSize). Models the structs of Include/cpython/*.h and
 * Include/internal/pycore_*.h, 3.8 to 3.14. Checked: 64-bit 3.8–3.13 and 32-bit 3.14
 * (Pyodide 314.0.x = CPython 3.14.2) by tests/objects-sizes.test.ts and
 * objects-freelists.test.ts. From source only: every 64-bit 3.14 size (notably the
 * tuple's new ob_hash word, seen on wasm32) and the 32-bit sizes of 3.8–3.13.
 */
import { PROFILES, type ProfileName } from '@pymem/versions';

/** Width of a pointer in bytes: 8 on 64-bit builds, 4 on wasm32 (Pyodide). */
export type PointerSize = 4 | 8;

/** The byte sizes of the object structs one build uses. */
export interface ObjectLayout {
  /** The CPython version profile. */
  readonly profile: ProfileName;
  /** 3.8 → 8, 3.14 → 14. */
  readonly minor: number;
  /** Pointer (and `Py_ssize_t`) size in bytes. */
  readonly pointerSize: PointerSize;
  /** `sizeof(PyGC_Head)`: two words before every GC object. */
  readonly gcHeader: number;
  /** `sizeof(PyObject)`: refcount + type. */
  readonly objectHeader: number;
  /** `offsetof(PyLongObject, ob_digit)`. */
  readonly intHeader: number;
  /** `sizeof(digit)`: 4 (30-bit digits). */
  readonly digitBytes: number;
  /** Bits per digit: 30. */
  readonly digitBits: number;
  /** True when `0` has no digits (3.8–3.10: `Py_SIZE == 0`); 3.11+ always stores one. */
  readonly zeroHasNoDigits: boolean;
  /** `sizeof(PyFloatObject)`. */
  readonly floatSize: number;
  /** `sizeof(PyASCIIObject)`. */
  readonly asciiHeader: number;
  /** `sizeof(PyCompactUnicodeObject)`. */
  readonly compactHeader: number;
  /** `PyBytesObject_SIZE` (`offsetof(PyBytesObject, ob_sval) + 1`: includes the NUL). */
  readonly bytesHeader: number;
  /** `sizeof(PyByteArrayObject)`. */
  readonly bytearraySize: number;
  /** `PyTuple_Type.tp_basicsize` (without the GC header). */
  readonly tupleBasic: number;
  /** `sizeof(PyListObject)`. */
  readonly listBasic: number;
  /** `sizeof(PyDictObject)`. */
  readonly dictBasic: number;
  /** `sizeof(PyDictKeysObject)` (the header before `dk_indices`). */
  readonly dictKeysHeader: number;
  /** `sizeof(PyDictKeyEntry)` {hash, key, value}. */
  readonly dictEntry: number;
  /** `sizeof(PyDictUnicodeEntry)` {key, value} (3.11+); equals dictEntry before 3.11. */
  readonly dictUnicodeEntry: number;
  /** `sizeof(PySetObject)`, smalltable included. */
  readonly setBasic: number;
  /** `sizeof(setentry)` {key, hash}. */
  readonly setEntry: number;
  /** Entries in a set's inline `smalltable` (`PySet_MINSIZE`). */
  readonly setMinSize: number;
  /**
   * What `sys.getrefcount` reports for a statically allocated immortal object
   * (None, small ints, …): null before 3.12, when there are no immortal objects.
   */
  readonly immortalRefcount: number | null;
  /** `_PyType_PreHeaderSize` of a plain class instance (GC + managed dict/weakref words). */
  readonly instancePreHeader: number;
  /** `__basicsize__` of a plain class instance (`class A: pass`). */
  readonly instanceBasic: number;
}

/** Builds the layout of `profile` at `pointerSize` (default 8). */
export function objectLayout(profile: ProfileName, pointerSize: PointerSize = 8): ObjectLayout {
  const minor = PROFILES[profile].minor;
  const w = pointerSize;
  const align8 = (n: number): number => Math.ceil(n / 8) * 8;
  const alignW = (n: number): number => Math.ceil(n / w) * w;
  const objectHeader = 2 * w;
  // PyASCIIObject: header, length, hash, a 32-bit `state`, and before 3.12 `wstr`.
  const asciiHeader = alignW(objectHeader + 2 * w + 4) + (minor < 12 ? w : 0);
  // PyCompactUnicodeObject adds utf8_length, utf8 (and wstr_length before 3.12).
  const compactHeader = asciiHeader + (minor < 12 ? 3 * w : 2 * w);
  // PyDictObject: header, ma_used, a uint64 version tag (8-aligned), ma_keys, ma_values.
  const dictBasic = align8(objectHeader + w) + 8 + 2 * w;
  // PyDictKeysObject: 3.8–3.10 five words (refcnt, size, lookup, usable, nentries);
  // 3.11+ refcnt, three uint8 + a uint32 version, usable, nentries.
  const dictKeysHeader = minor < 11 ? 5 * w : w + 4 + 4 + 2 * w;
  return {
    profile,
    minor,
    pointerSize,
    gcHeader: 2 * w,
    objectHeader,
    intHeader: 3 * w,
    digitBytes: 4,
    digitBits: 30,
    zeroHasNoDigits: minor < 11,
    floatSize: objectHeader + 8,
    asciiHeader,
    compactHeader,
    bytesHeader: 4 * w + 1,
    bytearraySize: 3 * w + 3 * w + alignW(4),
    tupleBasic: 3 * w + (minor >= 14 ? w : 0),
    listBasic: 5 * w,
    dictBasic,
    dictKeysHeader,
    dictEntry: 3 * w,
    dictUnicodeEntry: minor < 11 ? 3 * w : 2 * w,
    setBasic: objectHeader + 6 * w + 8 * 2 * w + w,
    setEntry: 2 * w,
    setMinSize: 8,
    immortalRefcount: immortalRefcount(minor, w),
    instancePreHeader: 2 * w + (minor >= 11 ? 2 * w : 0),
    instanceBasic: objectHeader + (minor < 11 ? 2 * w : minor === 11 ? w : 0),
  };
}

/**
 * `sys.getrefcount` of a static immortal object. 3.12/3.13: `_Py_IMMORTAL_REFCNT`, the
 * low 32 bits all set (64-bit), `0x3FFFFFFF` on 32-bit (source only). 3.14, 64-bit:
 * the 32-bit `ob_refcnt` half holds `3 << 30` (source only). 3.14, 32-bit: `7 << 28`,
 * the immortal initial count `5 << 28` with the static-allocation flag bit (measured
 * on Pyodide 3.14.2).
 */
function immortalRefcount(minor: number, w: PointerSize): number | null {
  if (minor < 12) return null;
  if (minor < 14) return w === 8 ? 0xffffffff : 0x3fffffff;
  return w === 8 ? 3 * 2 ** 30 : 7 * 2 ** 28;
}
