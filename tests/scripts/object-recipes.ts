/**
 * The matrix of objects pymem's object sizes are checked on: "kind:how:arg" recipes
 * that tests/scripts/objects_probe.py builds in a real interpreter (reporting
 * `sys.getsizeof`) and that tests/objects-sizes.test.ts builds in the model.
 * Deterministic: changing it means re-recording (tests/scripts/record-objects-fixtures.ts).
 */
import type { Heap, ItemIterator, ObjectHandle } from '@pymem/objects';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Every recipe, in a fixed order (about 2,400). */
export function objectRecipes(): string[] {
  const recipes: string[] = [];
  const ints = new Set<bigint>([0n, 1n, -1n, 5n, -5n, -6n, 255n, 256n, 257n, 1000n]);
  for (let bits = 1; bits <= 200; bits += 7) {
    const power = 1n << BigInt(bits);
    for (const value of [power - 1n, power, power + 1n, -power]) ints.add(value);
  }
  for (const value of ints) recipes.push(`int:value:${value}`);
  for (const value of ['0.0', '1.5', '-2.25']) recipes.push(`float:value:${value}`);
  for (const value of ['None', 'True', 'False']) recipes.push(`const:value:${value}`);
  const lengths = [...range(41), 63, 64, 65, 100, 127, 128, 129, 1000];
  for (const kind of ['ascii', 'latin1', 'ucs2', 'ucs4'])
    for (const n of lengths) recipes.push(`str:${kind}:${n}`);
  for (const n of lengths) recipes.push(`bytes:sized:${n}`);
  for (const n of range(41)) recipes.push(`bytearray:sized:${n}`, `bytearray:append:${n}`);
  for (const n of [...range(31), 100, 1000]) recipes.push(`tuple:range:${n}`);
  const sizes = [...range(46), 64, 100, 200];
  for (const how of [
    'display-const',
    'display-var',
    'list-range',
    'list-tuple',
    'append',
    'extend-range',
    'extend-list',
    'mul',
    'comp',
    'copy',
    'slice',
  ])
    for (const n of sizes) recipes.push(`list:${how}:${n}`);
  for (const n of range(65)) recipes.push(`list:pop:${n}`);
  for (const how of [
    'setitem-int',
    'setitem-str',
    'comp-int',
    'display-int',
    'display-str',
    'fromkeys',
    'kwargs',
    'pairs',
    'copy',
    'copy-str',
    'dict-of',
    'del-half',
    'del-half-copy',
    'del-half-refill',
  ])
    for (const n of sizes) recipes.push(`dict:${how}:${n}`);
  for (const how of [
    'set-range',
    'add',
    'comp',
    'frozenset-range',
    'display-const',
    'set-of-set',
    'copy',
    'discard-add',
    'stride',
    'big',
    'neg',
    'discard-stride',
    'discard-readd',
  ])
    for (const n of sizes) recipes.push(`set:${how}:${n}`);
  return recipes;
}

/**
 * Builds `recipe` in `heap` the way the interpreter would (the compiler's choice of
 * bytecode per version included) and returns a new reference to the result; every
 * temporary is released. The model's counterpart of objects_probe.py's `build`.
 */
export function buildRecipe(heap: Heap, recipe: string): ObjectHandle {
  const [kind, how, arg] = splitRecipe(recipe);
  const minor = heap.layout.minor;
  if (kind === 'int') return heap.newInt(BigInt(arg));
  if (kind === 'float') return heap.newFloat(Number(arg));
  if (kind === 'const') return arg === 'None' ? heap.newNone() : heap.newBool(arg === 'True');
  const n = Number(arg);
  switch (kind) {
    case 'str':
      return heap.newStr(n === 0 ? '' : MARK[how]! + 'b'.repeat(n - 1));
    case 'bytes':
      return heap.newBytes(n);
    case 'bytearray': {
      if (how === 'sized') return heap.newBytearray(n);
      const b = heap.newBytearray(0);
      for (let i = 0; i < n; i++) heap.bytearrayAppend(b);
      return b;
    }
    case 'tuple':
      return withInts(heap, n, (items) => heap.newTuple(items));
    case 'list':
      return buildList(heap, minor, how, n);
    case 'dict':
      return buildDict(heap, minor, how, n);
    case 'set':
      return buildSet(heap, minor, how, n);
    default:
      throw new Error(`unknown recipe ${recipe}`);
  }
}

const MARK: Record<string, string> = {
  ascii: 'a',
  latin1: '\xe9',
  ucs2: '\u20ac',
  ucs4: '\u{1f600}',
};

/** "kind:how:arg" split on its first two colons. */
function splitRecipe(recipe: string): [string, string, string] {
  const first = recipe.indexOf(':');
  const second = recipe.indexOf(':', first + 1);
  return [recipe.slice(0, first), recipe.slice(first + 1, second), recipe.slice(second + 1)];
}

/** STACK_USE_GUIDELINE (3.10+): longer displays are built item by item. */
const STACK_USE_GUIDELINE = 30;

/** Runs `use` with new ints 0 … n−1 and releases them afterwards. */
function withInts(
  heap: Heap,
  n: number,
  use: (items: ObjectHandle[]) => ObjectHandle,
): ObjectHandle {
  const items = range(n).map((i) => heap.newInt(i));
  const result = use(items);
  for (const item of items) heap.decref(item);
  return result;
}

/** `range(start, start + n)` as an iterator whose ints the consumer adopts. */
function rangeIterator(heap: Heap, n: number, start = 0): ItemIterator {
  return {
    lengthHint: n,
    items: (function* () {
      for (let i = 0; i < n; i++) yield heap.newInt(start + i);
    })(),
  };
}

function appended(heap: Heap, n: number): ObjectHandle {
  const l = heap.newList();
  for (let i = 0; i < n; i++) {
    const x = heap.newInt(i);
    heap.listAppend(l, x);
    heap.decref(x);
  }
  return l;
}

function buildList(heap: Heap, minor: number, how: string, n: number): ObjectHandle {
  switch (how) {
    case 'display-const':
      // 3.14: more than STACK_USE_GUIDELINE items are appended one by one (the constant
      // folding into a tuple happens later, on BUILD_LIST n only).
      if (minor >= 14 && n > STACK_USE_GUIDELINE) return appended(heap, n);
      // 3.9+: three or more constants compile to BUILD_LIST 0; LIST_EXTEND (a const tuple).
      if (minor >= 9 && n > 2) {
        const constant = withInts(heap, n, (items) => heap.newTuple(items));
        const l = heap.newList();
        heap.listExtend(l, constant);
        heap.decref(constant);
        return l;
      }
      return withInts(heap, n, (items) => heap.newList(items));
    case 'display-var':
      // 3.10+: more than STACK_USE_GUIDELINE items → BUILD_LIST 0 and LIST_APPENDs.
      if (minor >= 10 && n > STACK_USE_GUIDELINE) {
        const one = heap.newInt(1);
        const l = heap.newList();
        for (let i = 0; i < n; i++) heap.listAppend(l, one);
        heap.decref(one);
        return l;
      }
      return withInts(heap, 1, ([one]) => heap.newList(range(n).map(() => one!)));
    case 'list-range':
      return heap.newListFrom(rangeIterator(heap, n), n);
    case 'list-tuple': {
      const tuple = withInts(heap, n, (items) => heap.newTuple(items));
      const l = heap.newListFrom(tuple);
      heap.decref(tuple);
      return l;
    }
    case 'append':
    case 'comp':
      return appended(heap, n);
    case 'extend-range': {
      const l = heap.newList();
      heap.listExtend(l, rangeIterator(heap, n));
      return l;
    }
    case 'extend-list': {
      const source = heap.newListFrom(rangeIterator(heap, n), n);
      const l = heap.newList();
      heap.listExtend(l, source);
      heap.decref(source);
      return l;
    }
    case 'mul': {
      const base = withInts(heap, 1, (items) => heap.newList(items));
      const l = heap.listRepeat(base, n);
      heap.decref(base);
      return l;
    }
    case 'copy':
    case 'slice': {
      const source = appended(heap, n);
      const l = heap.listCopy(source);
      heap.decref(source);
      return l;
    }
    case 'pop': {
      const l = heap.newListFrom(rangeIterator(heap, 64), 64);
      for (let i = n; i < 64; i++) heap.decref(heap.listPop(l));
      return l;
    }
    default:
      throw new Error(`unknown list recipe ${how}`);
  }
}

function setItems(heap: Heap, d: ObjectHandle, keys: readonly (number | string)[]): void {
  for (const key of keys) {
    const k = typeof key === 'number' ? heap.newInt(key) : heap.newStr(key);
    const v = heap.newInt(typeof key === 'number' ? key : 1);
    heap.dictSetItem(d, k, v);
    heap.decref(k);
    heap.decref(v);
  }
}

const strKeys = (n: number, start = 0): string[] => range(n).map((i) => `k${start + i}`);

/**
 * A dict display: one BUILD_MAP / BUILD_CONST_KEY_MAP (presized); 3.10+ builds more
 * than 17 pairs in chunks of 17 (compiler_dict's `elements * 2 > STACK_USE_GUIDELINE`),
 * merging each later chunk with DICT_UPDATE.
 */
function dictDisplay(heap: Heap, minor: number, keys: readonly (number | string)[]): ObjectHandle {
  const unicode = keys.every((key) => typeof key === 'string');
  const chunk = 17;
  if (minor < 10 || keys.length <= chunk) {
    const d = heap.newDictPresized(keys.length, unicode);
    setItems(heap, d, keys);
    return d;
  }
  const d = heap.newDictPresized(chunk, unicode);
  setItems(heap, d, keys.slice(0, chunk));
  for (let start = chunk; start < keys.length; start += chunk) {
    const part = keys.slice(start, start + chunk);
    const sub = heap.newDictPresized(part.length, unicode);
    setItems(heap, sub, part);
    heap.dictMerge(d, sub);
    heap.decref(sub);
  }
  return d;
}

function intDict(heap: Heap, n: number): ObjectHandle {
  const d = heap.newDict();
  setItems(heap, d, range(n));
  return d;
}

function halfDeleted(heap: Heap, n: number): ObjectHandle {
  const d = intDict(heap, n);
  for (let i = 0; i < n >> 1; i++) {
    const k = heap.newInt(i);
    heap.dictDelItem(d, k);
    heap.decref(k);
  }
  return d;
}

function buildDict(heap: Heap, minor: number, how: string, n: number): ObjectHandle {
  switch (how) {
    case 'setitem-int':
    case 'comp-int':
      return intDict(heap, n);
    case 'pairs': {
      const d = heap.newDictFromType();
      setItems(heap, d, range(n));
      return d;
    }
    case 'fromkeys': {
      const d = heap.newDictFromType();
      for (let i = 0; i < n; i++) {
        const k = heap.newInt(i);
        heap.dictSetItem(d, k, heap.none);
        heap.decref(k);
      }
      return d;
    }
    case 'setitem-str': {
      const d = heap.newDict();
      setItems(heap, d, strKeys(n));
      return d;
    }
    case 'display-int':
      return dictDisplay(heap, minor, range(n));
    case 'display-str':
      return dictDisplay(heap, minor, strKeys(n));
    case 'kwargs': {
      const d = heap.newDictFromType();
      if (minor >= 9) {
        setItems(heap, d, strKeys(n));
        return d;
      }
      // 3.8: the call's keyword dict (presized), merged into the new dict.
      const kwargs = heap.newDictPresized(n, true);
      setItems(heap, kwargs, strKeys(n));
      heap.dictMerge(d, kwargs);
      heap.decref(kwargs);
      return d;
    }
    case 'copy':
    case 'copy-str':
    case 'dict-of':
    case 'del-half-copy': {
      const source =
        how === 'copy-str'
          ? buildDict(heap, minor, 'setitem-str', n)
          : how === 'del-half-copy'
            ? halfDeleted(heap, n)
            : intDict(heap, n);
      let d: ObjectHandle;
      if (how === 'dict-of') {
        d = heap.newDictFromType();
        heap.dictMerge(d, source);
      } else {
        d = heap.dictCopy(source);
      }
      heap.decref(source);
      return d;
    }
    case 'del-half':
      return halfDeleted(heap, n);
    case 'del-half-refill': {
      const d = halfDeleted(heap, n);
      setItems(
        heap,
        d,
        range(n >> 1).map((i) => n + i),
      );
      return d;
    }
    default:
      throw new Error(`unknown dict recipe ${how}`);
  }
}

/** Keys of the spread-out set recipes (as objects_probe.py's SET_KEYS). */
const SET_KEYS: Record<string, (i: number) => bigint> = {
  stride: (i) => BigInt(i * 37),
  big: (i) => 2n ** 40n + BigInt(i) * 1000003n,
  neg: (i) => BigInt(-i),
};

function buildSet(heap: Heap, minor: number, how: string, n: number): ObjectHandle {
  switch (how) {
    case 'set-range':
    case 'add':
    case 'comp':
      return withInts(heap, n, (items) => heap.newSet(items));
    case 'frozenset-range':
      return withInts(heap, n, (items) => heap.newSet(items, true));
    case 'display-const':
      // 3.9+: three or more constants → BUILD_SET 0; SET_UPDATE (a const frozenset);
      // 3.14 adds more than STACK_USE_GUIDELINE items one by one.
      if (minor >= 9 && n > 2 && !(minor >= 14 && n > STACK_USE_GUIDELINE)) {
        const constant = withInts(heap, n, (items) => heap.newSet(items, true));
        const s = heap.newSet();
        heap.setMerge(s, constant);
        heap.decref(constant);
        return s;
      }
      return withInts(heap, n, (items) => heap.newSet(items));
    case 'stride':
    case 'big':
    case 'neg': {
      const key = SET_KEYS[how]!;
      const items = range(n).map((i) => heap.newInt(key(i)));
      const s = heap.newSet(items);
      for (const item of items) heap.decref(item);
      return s;
    }
    case 'discard-readd': {
      const s = withInts(heap, n, (items) => heap.newSet(items));
      for (const add of [false, true]) {
        for (let i = 0; i < n >> 1; i++) {
          const k = heap.newInt(i);
          if (add) heap.setAdd(s, k);
          else heap.setDiscard(s, k);
          heap.decref(k);
        }
      }
      return s;
    }
    case 'discard-stride': {
      const s = heap.newSet();
      const change = (value: bigint, add: boolean): void => {
        const k = heap.newInt(value);
        if (add) heap.setAdd(s, k);
        else heap.setDiscard(s, k);
        heap.decref(k);
      };
      for (let i = 0; i < n; i++) change(BigInt(i * 37), true);
      for (let i = 0; i < n >> 1; i++) change(BigInt(i * 37), false);
      for (let i = 0; i < n >> 1; i++) change(BigInt((n + i) * 37), true);
      return s;
    }
    case 'discard-add': {
      const s = withInts(heap, n, (items) => heap.newSet(items));
      for (let i = 0; i < n >> 1; i++) {
        const k = heap.newInt(i);
        heap.setDiscard(s, k);
        heap.decref(k);
      }
      for (let i = 0; i < n >> 1; i++) {
        const k = heap.newInt(n + i);
        heap.setAdd(s, k);
        heap.decref(k);
      }
      return s;
    }
    case 'set-of-set':
    case 'copy': {
      const source = withInts(heap, n, (items) => heap.newSet(items));
      const s = heap.newSetFromSet(source);
      heap.decref(source);
      return s;
    }
    default:
      throw new Error(`unknown set recipe ${how}`);
  }
}
