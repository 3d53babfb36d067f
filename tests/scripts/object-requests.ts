/**
 * The allocator requests of object operations, CPython versus the model.
 *
 * tests/programs/object_requests.py runs short sections of module-level statements
 * between `pymem_record.mark(label)` calls; SECTIONS below performs the same
 * operations on a {@link Heap}. Both produce a sequence of allocator calls per
 * section: `m obj 56 #1`, `r mem #1 64 #2`, `f mem #2` … where `#n` numbers the blocks
 * in order of first appearance within the section, so a recording and the model can
 * be compared even when their addresses differ (with the same allocator state, the
 * live test compares the addresses themselves).
 */
import type { Heap, ObjectEvent, ObjectHandle } from '@pymem/objects';
import type { ArenaAllocator, Obmalloc, RawAllocator } from '@pymem/obmalloc';

/** The recorded program. */
export const OBJECT_REQUESTS_PROGRAM: string = new URL(
  '../programs/object_requests.py',
  import.meta.url,
).pathname;

/** One allocator call: `call domain size address previous` as in the text trace format. */
export interface AllocatorCall {
  readonly call: 'm' | 'c' | 'r' | 'f';
  readonly domain: 'obj' | 'mem';
  readonly nbytes: number;
  readonly address: number;
  readonly previous: number;
}

/** Module globals of the program: storing a name releases what it held. */
class Globals {
  private readonly names = new Map<string, ObjectHandle>();
  private readonly heap: Heap;
  constructor(heap: Heap) {
    this.heap = heap;
  }
  set(name: string, value: ObjectHandle): void {
    const old = this.names.get(name);
    this.names.set(name, value);
    if (old !== undefined) this.heap.decref(old);
  }
  get(name: string): ObjectHandle {
    const value = this.names.get(name);
    if (value === undefined) throw new Error(`name ${name} is not bound`);
    return value;
  }
  clear(name: string): void {
    this.set(name, this.heap.newNone());
  }
}

type Section = readonly [label: string, run: (heap: Heap, g: Globals) => void];

/**
 * A constant of the code object: a borrowed reference to a cached small int or
 * one-character str (they exist before the program runs, so using one allocates nothing).
 */
function constant(heap: Heap, value: number | string): ObjectHandle {
  const h = typeof value === 'number' ? heap.newInt(value) : heap.newStr(value);
  heap.decref(h);
  return h;
}

/** The sections of object_requests.py, in order, as model operations. */
export const SECTIONS: readonly Section[] = [
  [
    'list-append',
    (heap, g) => {
      g.set('l', heap.newList());
      for (let i = 0; i < 20; i++) heap.listAppend(g.get('l'), constant(heap, 1));
    },
  ],
  [
    'list-display',
    (heap, g) => {
      // [1, 2, 3]: BUILD_LIST 3 (3.8); BUILD_LIST 0 + LIST_EXTEND of the constant tuple (3.9+).
      if (heap.layout.minor >= 9) {
        const l = heap.newList();
        heap.listExtend(l, codeConstant(heap));
        g.set('m', l);
      } else {
        g.set('m', heap.newList([1, 2, 3].map((i) => constant(heap, i))));
      }
    },
  ],
  ['list-copy', (heap, g) => g.set('m2', heap.listCopy(g.get('m')))],
  ['list-repeat', (heap, g) => g.set('m3', heap.listRepeat(g.get('m'), 3))],
  ['list-extend', (heap, g) => heap.listExtend(g.get('m'), g.get('m3'))],
  [
    'list-pop',
    (heap, g) => {
      for (let i = 0; i < 7; i++) heap.decref(heap.listPop(g.get('m')));
    },
  ],
  [
    'list-drop',
    (_heap, g) => {
      g.clear('l');
      g.clear('m2');
    },
  ],
  [
    'list-nested',
    (heap, g) => {
      const one = heap.newList([constant(heap, 1)]);
      const two = heap.newList([constant(heap, 2), constant(heap, 3)]);
      const empty = heap.newList();
      const outer = heap.newList([one, two, empty]);
      for (const inner of [one, two, empty]) heap.decref(inner);
      g.set('n', outer);
      g.clear('n');
    },
  ],
  [
    'dict-str',
    (heap, g) => {
      g.set('d', heap.newDict());
      for (const key of 'abcdefghijkl')
        heap.dictSetItem(g.get('d'), constant(heap, key), constant(heap, 1));
    },
  ],
  [
    'dict-int',
    (heap, g) => {
      g.set('e', heap.newDict());
      for (let i = 1; i <= 7; i++)
        heap.dictSetItem(g.get('e'), constant(heap, i), constant(heap, 1));
    },
  ],
  ['dict-copy', (heap, g) => g.set('d2', heap.dictCopy(g.get('d')))],
  [
    'dict-del',
    (heap, g) => {
      heap.dictDelItem(g.get('e'), constant(heap, 1));
      heap.dictDelItem(g.get('e'), constant(heap, 2));
    },
  ],
  [
    'dict-drop',
    (_heap, g) => {
      g.clear('d');
      g.clear('e');
      g.clear('d2');
    },
  ],
  [
    'dict-sparse',
    (heap, g) => {
      g.set('e3', heap.newDict());
      for (let i = 1; i <= 8; i++)
        heap.dictSetItem(g.get('e3'), constant(heap, i), constant(heap, 1));
      for (let i = 1; i <= 6; i++) heap.dictDelItem(g.get('e3'), constant(heap, i));
    },
  ],
  // Two of eight entries left: PyDict_Copy merges into a new dict instead of cloning.
  ['dict-sparse-copy', (heap, g) => g.set('d3', heap.dictCopy(g.get('e3')))],
  [
    'dict-of-dict',
    (heap, g) => {
      g.set('e4', heap.newDict());
      for (let i = 1; i <= 3; i++)
        heap.dictSetItem(g.get('e4'), constant(heap, i), constant(heap, 1));
      // dict(e4): dict_new, then dict_merge (a clean 8-slot table is cloned on 3.9+).
      const d4 = heap.newDictFromType();
      heap.dictMerge(d4, g.get('e4'));
      g.set('d4', d4);
      for (const name of ['e3', 'd3', 'e4', 'd4']) g.clear(name);
    },
  ],
  [
    'dict-mixed',
    (heap, g) => {
      // 3.11+: a str key makes a unicode table; the int key converts it (insertion_resize).
      g.set('e2', heap.newDict());
      heap.dictSetItem(g.get('e2'), constant(heap, 'a'), constant(heap, 1));
      heap.dictSetItem(g.get('e2'), constant(heap, 1), constant(heap, 1));
      g.clear('e2');
    },
  ],
  [
    'dict-display',
    (heap, g) => {
      // {'a': c, …, 'f': c}: BUILD_CONST_KEY_MAP 6 (BUILD_MAP on 3.14), presized.
      const d = heap.newDictPresized(6, true);
      for (const key of 'abcdef') heap.dictSetItem(d, constant(heap, key), constant(heap, 'a'));
      g.set('dd', d);
      g.clear('dd');
    },
  ],
  [
    'set-add',
    (heap, g) => {
      g.set('s', heap.newSet());
      for (let i = 1; i <= 8; i++) heap.setAdd(g.get('s'), constant(heap, i));
    },
  ],
  ['set-copy', (heap, g) => g.set('s2', heap.newSetFromSet(g.get('s')))],
  [
    'set-drop',
    (_heap, g) => {
      g.clear('s');
      g.clear('s2');
    },
  ],
  [
    'float',
    (heap, g) => {
      g.set('f', heap.newFloat(1));
      g.set('g', heap.newFloat(2));
      g.clear('f');
      g.set('h', heap.newFloat(3));
      g.clear('g');
    },
  ],
  [
    'str',
    (heap, g) => {
      g.set('t', heap.newStr('a'.repeat(50)));
      g.clear('t');
      g.set('t', heap.newStr('a'.repeat(600)));
      g.clear('t');
    },
  ],
  [
    'tuple',
    (heap, g) => {
      const c = constant(heap, 'a');
      g.set('tp', heap.newTuple(Array.from({ length: 7 }, () => c)));
      g.set('tq', heap.newTuple(Array.from({ length: 9 }, () => c)));
      g.clear('tp');
      g.set('tp', heap.newTuple(Array.from({ length: 7 }, () => c)));
      g.clear('tq');
      g.clear('tp');
    },
  ],
  [
    'bytes',
    (heap, g) => {
      g.set('b', heap.newBytes(40));
      g.clear('b');
      // cb * 1 is cb itself (bytes_repeat returns an exact bytes unchanged).
      const cb = heap.newBytes(1, true);
      g.set('b', cb);
    },
  ],
  [
    'bytearray',
    (heap, g) => {
      g.set('ba', heap.newBytearray(0));
      for (let i = 0; i < 6; i++) heap.bytearrayAppend(g.get('ba'));
      g.clear('ba');
    },
  ],
  [
    'trashcan',
    (heap, g) => {
      g.set('n', heap.newList());
      for (let depth = 0; depth < 200; depth++) g.set('n', heap.newList([g.get('n')]));
      g.clear('n');
    },
  ],
  [
    'intern',
    (heap, g) => {
      // sys.intern(''.join(…)): the joined str, then (an equal one being interned) its free.
      const internNew = (name: string, text: string): void => {
        const s = heap.newStr(text);
        g.set(name, heap.intern(s));
        heap.decref(s);
      };
      internNew('i1', 'pymem_r1');
      internNew('i2', 'pymem_r1');
      g.clear('i1');
      g.clear('i2');
      internNew('i3', 'pymem_r3');
      g.set('n3', heap.newStr('pymem_r3'));
      g.set('i4', heap.intern(g.get('n3')));
      g.clear('i3');
      g.clear('i4');
      g.clear('n3');
    },
  ],
];

/** The code object's constant tuple `(1, 2, 3)` (3.9+), made before the sections run. */
const codeConstants = new WeakMap<Heap, ObjectHandle>();
function codeConstant(heap: Heap): ObjectHandle {
  const tuple = codeConstants.get(heap);
  if (tuple === undefined) throw new Error('the code constants were not made');
  return tuple;
}

/** The names object_requests.py binds to None before its first mark. */
const PROGRAM_NAMES: readonly string[] =
  'l m m2 m3 n d d2 e e2 e3 e4 d3 d4 dd s s2 f g h t c cb tp tq b ba'.split(' ');

/**
 * Runs every section on `heap` and returns its allocator calls per section label.
 * Names stay bound between sections, as in the program. `beforeSection` runs first in
 * each section (its allocator calls are not the section's).
 */
export function runSections(
  heap: Heap,
  beforeSection: (label: string) => void = () => {},
): Map<string, AllocatorCall[]> {
  const g = new Globals(heap);
  for (const name of PROGRAM_NAMES) g.set(name, heap.newNone());
  if (heap.layout.minor >= 9) {
    codeConstants.set(heap, heap.newConstantTuple([1, 2, 3].map((i) => constant(heap, i))));
  }
  const result = new Map<string, AllocatorCall[]>();
  let current: AllocatorCall[] = [];
  const previousHook = heap.hook;
  heap.hook = (event: ObjectEvent) => {
    if (event.type !== 'memory-call') return;
    const code =
      event.call === 'malloc'
        ? 'm'
        : event.call === 'calloc'
          ? 'c'
          : event.call === 'realloc'
            ? 'r'
            : 'f';
    current.push({
      call: code,
      domain: event.domain,
      nbytes: event.nbytes,
      address: event.address,
      previous: event.previous,
    });
  };
  try {
    for (const [label, run] of SECTIONS) {
      beforeSection(label);
      current = [];
      run(heap, g);
      result.set(label, current);
    }
  } finally {
    heap.hook = previousHook;
  }
  return result;
}

/**
 * The allocator calls of each section (those named in `labels`, by default
 * object_requests.py's) of a text recording (raw-domain calls dropped, and the mark's own label bytes — allocated just before a
 * mark, freed just after — removed).
 */
export function recordedSections(
  text: string,
  sectionLabels: Iterable<string> = SECTIONS.map(([name]) => name),
): Map<string, AllocatorCall[]> {
  const result = new Map<string, AllocatorCall[]>();
  let label: string | null = null;
  let current: AllocatorCall[] = [];
  let markBytes = 0;
  const labels = new Set(sectionLabels);
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields[0] === 'S') {
      const next = fields.slice(1).join(' ');
      const last = current.at(-1);
      if (last && last.call === 'm' && last.nbytes === 33 + next.length) {
        current.pop();
        markBytes = last.address;
      } else markBytes = 0;
      if (label !== null && labels.has(label)) result.set(label, current);
      label = next;
      current = [];
      continue;
    }
    if (!'mcrf'.includes(fields[0] ?? '') || fields[0]!.length !== 1) continue;
    const domain = fields[1];
    if (domain !== 'obj' && domain !== 'mem') continue;
    const hex = (s: string | undefined): number => Number.parseInt(s ?? '0', 16);
    const event: AllocatorCall =
      fields[0] === 'r'
        ? {
            call: 'r',
            domain,
            nbytes: Number(fields[3]),
            address: hex(fields[4]),
            previous: hex(fields[2]),
          }
        : fields[0] === 'f'
          ? { call: 'f', domain, nbytes: 0, address: hex(fields[2]), previous: 0 }
          : {
              call: fields[0] as 'm' | 'c',
              domain,
              nbytes: Number(fields[2]),
              address: hex(fields[3]),
              previous: 0,
            };
    if (
      current.length === 0 &&
      event.call === 'f' &&
      event.address === markBytes &&
      markBytes !== 0
    )
      continue;
    current.push(event);
  }
  return result;
}

/**
 * `m obj 56 #1`, `r mem #1 64 #2`, `f mem #2`, `f obj p1`: each block named by the
 * call that produced it within the section (`#n`, a fresh name per allocation even
 * when an address is reused; an in-place realloc keeps its name) or, for blocks from
 * before the section, `p1`, `p2` … in order of first use — so that two runs whose
 * allocators are in different states still compare equal when they make the same calls.
 */
export function normalize(calls: readonly AllocatorCall[]): string[] {
  const live = new Map<number, string>();
  let made = 0;
  let earlier = 0;
  const existing = (address: number): string => {
    if (address === 0) return '#0';
    let name = live.get(address);
    if (name === undefined) {
      name = `p${++earlier}`;
      live.set(address, name);
    }
    return name;
  };
  const fresh = (address: number): string => {
    const name = `#${++made}`;
    live.set(address, name);
    return name;
  };
  return calls.map((c) => {
    if (c.call === 'r') {
      const before = existing(c.previous);
      if (c.address === c.previous) return `r ${c.domain} ${before} ${c.nbytes} ${before}`;
      live.delete(c.previous);
      return `r ${c.domain} ${before} ${c.nbytes} ${fresh(c.address)}`;
    }
    if (c.call === 'f') {
      const name = existing(c.address);
      live.delete(c.address);
      return `f ${c.domain} ${name}`;
    }
    return `${c.call} ${c.domain} ${c.nbytes} ${fresh(c.address)}`;
  });
}

/** The same calls with their real addresses, for comparing pointer for pointer. */
export function withAddresses(calls: readonly AllocatorCall[]): string[] {
  const hex = (a: number): string => a.toString(16);
  return calls.map((c) =>
    c.call === 'r'
      ? `r ${c.domain} ${hex(c.previous)} ${c.nbytes} ${hex(c.address)}`
      : c.call === 'f'
        ? `f ${c.domain} ${hex(c.address)}`
        : `${c.call} ${c.domain} ${c.nbytes} ${hex(c.address)}`,
  );
}

/**
 * The interpreter's own frees inside the sections of a text recording: frees (per
 * section label, in order) of blocks that were allocated before the mark `first` and
 * are still the same blocks — the model's objects are all made after that mark, so
 * such a free is never one of theirs. (3.8–3.10's type attribute cache, for one, holds
 * names and drops one when an entry is evicted, and which entry is evicted depends on
 * addresses.)
 */
export function interpreterFrees(text: string, first: string): Map<string, number[]> {
  const before = new Set<number>();
  const frees = new Map<string, number[]>();
  // null until the mark `first`; then the frees of the current section.
  let section: number[] | null = null;
  // The mark's own label bytes (allocated just before it, freed just after) are the
  // recorder's, not the interpreter's: recordedSections drops them too.
  let last: { nbytes: number; address: number } | null = null;
  let labelBytes = -1;
  const hex = (s: string | undefined): number => Number.parseInt(s ?? '0', 16);
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'S') {
      const label = f.slice(1).join(' ');
      labelBytes = last !== null && last.nbytes === 33 + label.length ? last.address : -1;
      if (section !== null || label === first) {
        section = frees.get(label) ?? [];
        frees.set(label, section);
      }
      continue;
    }
    const domain = f[1];
    if (f[0]!.length !== 1 || !'mcrf'.includes(f[0]!) || (domain !== 'obj' && domain !== 'mem'))
      continue;
    last = f[0] === 'm' ? { nbytes: Number(f[2]), address: hex(f[3]) } : null;
    if (f[0] === 'm' || f[0] === 'c') {
      if (section === null) before.add(hex(f[3]));
      else before.delete(hex(f[3]));
    } else if (f[0] === 'r') {
      before.delete(hex(f[2]));
      if (section === null) before.add(hex(f[4]));
      else before.delete(hex(f[4]));
    } else {
      const address = hex(f[2]);
      if (section !== null && before.has(address) && address !== labelBytes) section.push(address);
      before.delete(address);
    }
  }
  return frees;
}

/**
 * Replays a text recording's allocator calls up to the mark `label` into `obmalloc`,
 * which must have been built with {@link recordedAddresses}' allocators, so that the
 * model's allocator is in CPython's state at that mark.
 */
export function replayUntil(text: string, label: string, obmalloc: Obmalloc, raw: RawQueue): void {
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'S' && f.slice(1).join(' ') === label) return;
    const domain = f[1];
    if (f[0]!.length !== 1 || !'mcrf'.includes(f[0]!) || (domain !== 'obj' && domain !== 'mem'))
      continue;
    const hex = (s: string | undefined): number => Number.parseInt(s ?? '0', 16);
    if (f[0] === 'm' || f[0] === 'c') {
      raw.next = hex(f[3]);
      const got = f[0] === 'm' ? obmalloc.malloc(Number(f[2])) : obmalloc.calloc(Number(f[2]));
      if (got !== raw.next)
        throw new Error(`replay diverged at "${line}": model ${got.toString(16)}`);
    } else if (f[0] === 'r') {
      raw.next = hex(f[4]);
      const got = obmalloc.realloc(hex(f[2]), Number(f[3]));
      if (got !== raw.next)
        throw new Error(`replay diverged at "${line}": model ${got.toString(16)}`);
    } else {
      obmalloc.free(hex(f[2]));
    }
  }
  throw new Error(`no mark ${label} in the recording`);
}

/** Where the raw allocator's answers come from: `pending` first, else `next`. */
export interface RawQueue {
  next: number;
  readonly pending: number[];
}

/**
 * Arena and raw allocators answering with a recording's addresses: arenas in the
 * order of its `A` lines (other sizes are 3.11+'s data-stack chunks, not arenas), raw
 * fallbacks with `queue.pending` (the sections' recorded answers) or `queue.next`
 * (set by the replay for each call).
 */
export function recordedAddresses(
  text: string,
  arenaSize: number,
): { arenaAllocator: ArenaAllocator; rawAllocator: RawAllocator; queue: RawQueue } {
  const arenas = text
    .split('\n')
    .filter((line) => line.startsWith('A ') && Number(line.split(' ')[1]) === arenaSize)
    .map((line) => Number.parseInt(line.split(' ')[2]!, 16));
  const queue: RawQueue = { next: 0, pending: [] };
  const answer = (): number => queue.pending.shift() ?? queue.next;
  return {
    queue,
    arenaAllocator: { alloc: () => arenas.shift() ?? 0, free: () => {} },
    rawAllocator: {
      malloc: answer,
      calloc: answer,
      realloc: answer,
      free: () => {},
    },
  };
}

/** The deep-list program and its depth. */
export const DEEP_LIST_PROGRAM: string = new URL('../programs/deep_list.py', import.meta.url)
  .pathname;
export const DEEP_LIST_DEPTH = 12000;

/**
 * The order a recording of deep_list.py freed its levels' item arrays in, as
 * creation indices (0 = the innermost list), run-length encoded: [first, count] for
 * each run of consecutive indices.
 */
export function recordedFreeOrder(text: string): number[][] {
  const lines = text.split('\n');
  const build = lines.indexOf('S build');
  const drop = lines.indexOf('S drop');
  const end = lines.indexOf('S end');
  const created = new Map<string, number>();
  for (const line of lines.slice(build, drop)) {
    const f = line.split(' ');
    if (f[0] === 'c' && f[1] === 'mem' && f[2] === '8') created.set(f[3]!, created.size);
  }
  const order = lines
    .slice(drop, end)
    .filter((line) => line.startsWith('f mem '))
    .map((line) => created.get(line.split(' ')[2]!) ?? -1);
  return runs(order);
}

/** The same order from the model: build the chain on `heap`, drop it, number the frees. */
export function modelFreeOrder(heap: Heap): number[][] {
  const created = new Map<number, number>();
  heap.hook = (event) => {
    if (event.type === 'memory-call' && event.call === 'calloc')
      created.set(event.address, created.size);
  };
  let n = heap.newList();
  for (let i = 0; i < DEEP_LIST_DEPTH; i++) {
    const outer = heap.newList([n]);
    heap.decref(n);
    n = outer;
  }
  const order: number[] = [];
  heap.hook = (event) => {
    if (event.type === 'memory-call' && event.call === 'free' && event.domain === 'mem') {
      order.push(created.get(event.address) ?? -1);
    }
  };
  heap.decref(n);
  heap.hook = null;
  return runs(order);
}

function runs(order: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const index of order) {
    const last = out[out.length - 1];
    if (last && last[0]! + last[1]! === index) last[1]!++;
    else out.push([index, 1]);
  }
  return out;
}
