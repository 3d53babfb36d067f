/**
 * Interned strs: the interpreter's table of the one str object that stands for each
 * text — names a code object holds (identifiers), code constants made only of name
 * characters, `sys.intern` results, attribute names.
 *
 *   interned   text ──► str object (flag INTERNED)
 *
 * Interning a str (PyUnicode_InternInPlace / _PyUnicode_InternMortal): when a str
 * with the same text is interned already, that one is used (the caller's reference
 * moves to it); otherwise this str joins the table. What the table's two references
 * (key and value of a dict) do to the count, per version:
 *
 *   3.8–3.11  not counted (ob_refcnt − 2 after the insert): an interned str dies when
 *             its last outside reference goes; unicode_dealloc then deletes it from
 *             the table (a dummy entry in the interned dict: no allocation)
 *   3.12      the str becomes immortal (_Py_SetImmortal): never freed again
 *   3.13+     `sys.intern` and code constants: as 3.8–3.11 (mortal); names in code
 *             objects and the statically allocated strs: immortal
 *
 * '' and the one-character latin-1 strs are singletons, interned from the start;
 * identifiers here are pre-existing strs with no block (like code constants),
 * immortal from 3.12.
 *
 * Invariants: every str in the table is live, flagged INTERNED and holds its key's
 * text; every live INTERNED str is in the table; at most one str per text.
 *
 * The interned dict itself is an ordinary dict of str keys (3.11+: a DICT_KEYS_UNICODE
 * table) made at start-up holding thousands of names. Once told how full it is
 * ({@link setInternedDict}), the model grows it as insertdict does: an insert with no
 * usable entry left resizes to GROWTH_RATE (used × 3) — a new keys table from
 * PyObject_Malloc (PyMem from 3.13; measured: 3.12's, although its interned strs are
 * immortal, too comes from PyObject_Malloc), then the old table freed (the start-up table is not
 * a block of this model: its free is not an allocator call here). A mortal str's
 * death leaves a dummy (used − 1, usable unchanged).
 *
 * Models PyUnicode_InternInPlace, sys_intern_impl, PyUnicode_InternFromString and
 * unicode_dealloc's SSTATE_INTERNED_MORTAL case (Objects/unicodeobject.c,
 * Python/sysmodule.c) 3.8–3.11; _PyUnicode_InternInPlace 3.12;
 * _PyUnicode_InternMortal / _PyUnicode_InternImmortal and intern_common 3.13.
 * Measured on 3.8.18–3.13.0 (tests/objects-instances.test.ts).
 */
import { DICT_LOG_MINSIZE, dictKeysBytes, log2SizeFor, usableFraction } from './dict-keys.ts';
import { type HeapCore, LATIN1_SINGLETONS, type ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { Flag } from './internal/table.ts';
import { newStr } from './strings.ts';

const tables = new WeakMap<HeapCore, Map<string, ObjectHandle>>();

/** How full the interned dict's keys table is (see {@link setInternedDict}). */
export interface InternedDictState {
  /** log2 of dk_size. */
  readonly log2Size: number;
  /** ma_used: interned strs in it. */
  readonly used: number;
  /** dk_usable: inserts left before a resize. */
  readonly usable: number;
}

/** The interned dict's table: its state and block (0: the start-up table, not a model block). */
interface InternedDict {
  address: number;
  log2Size: number;
  used: number;
  usable: number;
}

const internedDicts = new WeakMap<HeapCore, InternedDict>();

/**
 * Tells the model how full the interpreter's interned dict is now; from then on
 * interning new strs grows it (without this, its table is not modelled).
 * @throws HeapError('invalid-argument') for a state no table can have
 */
export function setInternedDict(heap: HeapCore, state: InternedDictState): void {
  const { log2Size, used, usable } = state;
  const valid =
    Number.isInteger(log2Size) &&
    log2Size >= DICT_LOG_MINSIZE &&
    log2Size < 31 &&
    Number.isInteger(used) &&
    Number.isInteger(usable) &&
    used >= 0 &&
    usable >= 0 &&
    used + usable <= usableFraction(2 ** log2Size);
  if (!valid)
    throw new HeapError('invalid-argument', `not an interned dict state: ${JSON.stringify(state)}`);
  internedDicts.set(heap, { address: 0, log2Size, used, usable });
}

/** The interned dict's current keys block (0 while it is the start-up table or not modelled). */
export function internedDictBlock(heap: HeapCore): number {
  return internedDicts.get(heap)?.address ?? 0;
}

/** insertdict of a new key into the interned dict: insertion_resize first when it is full. */
function internedDictInsert(heap: HeapCore): void {
  const dict = internedDicts.get(heap);
  if (dict === undefined) return;
  if (dict.usable <= 0) {
    const log2 = log2SizeFor(dict.used * 3, heap.layout.minor);
    const unicode = heap.layout.minor >= 11;
    const block = heap.memCall(
      'malloc',
      0,
      dictKeysBytes(heap.layout, log2, unicode),
      heap.keysDomain(),
    );
    if (dict.address !== 0) heap.memCall('free', dict.address, 0, heap.keysDomain());
    dict.address = block;
    dict.log2Size = log2;
    dict.usable = usableFraction(2 ** log2) - dict.used;
  }
  dict.used++;
  dict.usable--;
}

/** The interned table of a heap: text → str (read-only view for checkers). */
export function internedTable(heap: HeapCore): ReadonlyMap<string, ObjectHandle> {
  return table(heap);
}

function table(heap: HeapCore): Map<string, ObjectHandle> {
  let interned = tables.get(heap);
  if (interned === undefined) {
    interned = new Map();
    tables.set(heap, interned);
  }
  return interned;
}

/** The kind (0: ASCII, 1, 2, 4 bytes per character) of a text. */
function kindOf(codePoints: readonly string[]): number {
  let maxChar = 0;
  for (const ch of codePoints) maxChar = Math.max(maxChar, ch.codePointAt(0)!);
  return maxChar < 128 ? 0 : maxChar < 256 ? 1 : maxChar < 0x10000 ? 2 : 4;
}

/**
 * The interned str of an identifier — a name a code object holds, interned when the
 * code was compiled (a borrowed reference): the str the table has for that text, or
 * a new pre-existing one (no block, never freed). One-character latin-1 names are
 * the character singletons.
 */
export function identifier(heap: HeapCore, name: string): ObjectHandle {
  const codePoints = [...name];
  if (codePoints.length === 0) return heap.emptyStr;
  if (codePoints.length === 1 && codePoints[0]!.codePointAt(0)! < LATIN1_SINGLETONS)
    return heap.latin1[codePoints[0]!.codePointAt(0)!]!;
  const interned = table(heap);
  const existing = interned.get(name);
  if (existing !== undefined) return existing;
  const h = heap.makeStatic('str', name);
  heap.table.length[h] = codePoints.length;
  heap.table.allocated[h] = kindOf(codePoints);
  heap.table.flags[h]! |= Flag.INTERNED;
  interned.set(name, h);
  return h;
}

/**
 * PyUnicode_InternInPlace of a str the caller holds: the interned str with its text
 * (a borrowed handle) — `s` itself when it joins the table (3.12: made immortal).
 */
function internInPlace(heap: HeapCore, s: ObjectHandle): ObjectHandle {
  heap.expect(s, 'str');
  const t = heap.table;
  if (t.flags[s]! & (Flag.INTERNED | Flag.STATIC)) return s;
  const text = t.payload[s] as string;
  const interned = table(heap);
  const existing = interned.get(text);
  if (existing !== undefined) return existing;
  internedDictInsert(heap);
  interned.set(text, s);
  t.flags[s]! |= Flag.INTERNED;
  if (heap.layout.minor === 12) {
    t.flags[s]! |= Flag.IMMORTAL;
    t.refcnt[s] = heap.layout.immortalRefcount!;
  }
  return s;
}

/**
 * `sys.intern(s)`: a new reference to the interned str with `s`'s text — `s` itself
 * when none was interned. The caller keeps its reference to `s`.
 * @throws HeapError('wrong-type') unless `s` is a live str
 */
export function intern(heap: HeapCore, s: ObjectHandle): ObjectHandle {
  return heap.share(internInPlace(heap, s));
}

/**
 * PyUnicode_InternFromString: a new str with the text `s`, interned — a new
 * reference to the str already interned for `s` when there is one (the new str is
 * freed again).
 */
export function newInternedStr(heap: HeapCore, s: string): ObjectHandle {
  const h = newStr(heap, s);
  const interned = internInPlace(heap, h);
  if (interned === h) return h;
  heap.share(interned);
  heap.table.external[h]!--;
  heap.release(h);
  return interned;
}

/** unicode_dealloc of an interned mortal str: out of the table (no allocation). */
export function forgetInterned(heap: HeapCore, s: ObjectHandle): void {
  table(heap).delete(heap.table.payload[s] as string);
  const dict = internedDicts.get(heap);
  if (dict !== undefined) dict.used--;
}
