/**
 * Heap snapshots of a real process: every GC-tracked object of every generation
 * (permanent included) and every object reachable from them through `tp_traverse`,
 * at one position of the event stream. Written by the recorder's
 * `pymem_record.snapshot(label)` as `.pmt` extension records of kind 3
 * (docs/formats/pmt.md, "Heap snapshots"); assembled here part by part.
 *
 *   part 0 begin    string label, varint gc enabled, 3 × varint threshold, 3 × varint count
 *   part 1 types    (varint id, string module, string qualname, varint type flags)*
 *   part 2 objects  varint n, n × object (address deltas restart at 0 in each part)
 *   part 3 end      varint objects, varint types
 *
 *   object: zigzag delta address, varint type id, varint size+1 (0: unknown),
 *           varint refcount, varint flags, varint r, r × varint referent index,
 *           varint e, e × (varint position among the referents, varint edge kind,
 *           payload), varint w, w × varint weakref index, [string label]
 *   edge kinds: 1 index (varint), 2 dict key (string), 3 int dict key (zigzag),
 *           4 attribute (string); the label is there when flags has `labelled`
 *
 * Objects are numbered in record order (index 0 first); a referent index may name an
 * object whose record comes later in the same snapshot (it was found by the walk).
 *
 * Invariants of a complete {@link HeapSnapshot}:
 *   1. `length` objects; `refStart`/`weakStart` have `length + 1` entries, rising.
 *   2. Every referent, weakref and type id is in range.
 *   3. The end part's counts equal the objects and types read.
 *
 * A snapshot whose end part never came (the process was killed while writing it) is
 * kept with `complete: false` and no objects, so a reader can name it.
 */
import { TraceFormatError } from './errors.ts';
import { ByteReader, unzigzag } from './pmt/bytes.ts';
import type { NotePosition } from './trace.ts';

/** Object flag bits (`HeapSnapshot.flags`); the generation sits above them. */
export const HeapObjectFlag = {
  /** `_PyObject_GC_IS_TRACKED`. */
  tracked: 1,
  /** `_PyGC_FINALIZED`: tp_finalize already ran. */
  finalized: 2,
  /** `PyObject_IS_GC`. */
  isGc: 4,
  /** `PyWeakref_Check`. */
  isWeakref: 8,
  /** A weakref whose `wr_callback` is set. */
  hasCallback: 16,
  /** 3.12+ `_Py_IsImmortal`. */
  immortal: 32,
  /** A module: its `__name__` is the object's label. */
  labelled: 512,
} as const;

/** Bits below the generation code in an object's flags. */
export const HEAP_GENERATION_SHIFT = 6;
/** Generation codes: 0–2, permanent, none (not in any generation list). */
export const HeapGeneration = { permanent: 3, none: 4 } as const;

/** Type flag bits (`HeapSnapshotType.flags`). */
export const HeapTypeFlag = {
  /** `tp_finalize` (a class's `__del__`). */
  finalizer: 1,
  /** A legacy `tp_del`. */
  legacyDel: 2,
  /** Exactly `tuple`. */
  tuple: 4,
  /** Exactly `dict`. */
  dict: 8,
} as const;

/** One type of a snapshot. */
export interface HeapSnapshotType {
  /** `type.__module__`. */
  readonly module: string;
  /** `type.__qualname__`. */
  readonly qualname: string;
  /** {@link HeapTypeFlag} bits. */
  readonly flags: number;
}

/** The collector's state when the snapshot was taken. */
export interface HeapSnapshotGcState {
  readonly enabled: boolean;
  /** `gc.get_threshold()`. */
  readonly thresholds: readonly [number, number, number];
  /** `gc.get_count()`. */
  readonly counts: readonly [number, number, number];
}

/** A heap snapshot: columns indexed by object number. See the module comment. */
export interface HeapSnapshot extends NotePosition {
  /** The label given to `pymem_record.snapshot()`. */
  readonly label: string;
  /** False when the recording ends inside the snapshot (then it has no objects). */
  readonly complete: boolean;
  readonly gc: HeapSnapshotGcState;
  readonly types: readonly HeapSnapshotType[];
  readonly length: number;
  readonly address: Float64Array;
  readonly type: Uint32Array;
  /** `sys.getsizeof`, or −1 when unknown (it raised, or `__sizeof__` is Python code, never run). */
  readonly size: Float64Array;
  readonly refcount: Float64Array;
  /** {@link HeapObjectFlag} bits | generation code << {@link HEAP_GENERATION_SHIFT}. */
  readonly flags: Uint16Array;
  /** Referents of object i: `refs[refStart[i] .. refStart[i+1])`, in tp_traverse order. */
  readonly refStart: Uint32Array;
  readonly refs: Uint32Array;
  /** Weakrefs to object i, in its weakref list order: `weakrefs[weakStart[i] .. weakStart[i+1])`. */
  readonly weakStart: Uint32Array;
  readonly weakrefs: Uint32Array;
  /**
   * Names of referents where the recorder found them cheaply (see {@link HeapEdgeNames};
   * read them with {@link heapEdgeName} / {@link heapEdgeNamesOf}): `[3]`, `['key']`,
   * `[7]` or `.__dict__` for a position among object i's referents.
   */
  readonly edgeNames: HeapEdgeNames;
  /** Labels: a module's `__name__`, by object. */
  readonly labels: ReadonlyMap<number, string>;
  /** The records' payloads as read, for writers (`.pmt` kind 3 records, text `H` lines). */
  readonly parts: readonly Uint8Array[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let k = 0; k < 64; k++) BASE64_VALUE[BASE64.charCodeAt(k)] = k;

/** Standard base64 (with `=` padding) of `bytes`: a text `H` line's payload. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return out;
}

/** The bytes of standard base64 text, or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      const pad = code === 61 && i + k >= text.length - padding;
      const value = pad ? 0 : code < 128 ? (BASE64_VALUE[code] as number) : -1;
      if (value < 0) return null;
      n = (n << 6) | value;
    }
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/**
 * A snapshot's edge names, packed: one row per named edge in object order (its object,
 * its position among the object's referents, the name's kind and value) — plain
 * typed arrays, so a snapshot crosses to a worker or page by structured clone, and
 * millions of objects hold no map each. Kinds: 1 `[n]` (index), 2 `['key']` (text),
 * 3 `[n]` (int key), 4 `.name` (text); a text's value is its index in `texts`.
 * Invariant: rows are grouped by object, objects in increasing order.
 */
export interface HeapEdgeNames {
  readonly objects: Uint32Array;
  readonly positions: Uint32Array;
  readonly kinds: Uint8Array;
  readonly values: Float64Array;
  readonly texts: readonly string[];
}

/** No edge names. */
export function emptyHeapEdgeNames(): HeapEdgeNames {
  return {
    objects: new Uint32Array(0),
    positions: new Uint32Array(0),
    kinds: new Uint8Array(0),
    values: new Float64Array(0),
    texts: [],
  };
}

/** Object i's named referents: position → name (empty when none is named). */
export function heapEdgeNamesOf(snapshot: HeapSnapshot, i: number): Map<number, string> {
  const { objects, positions } = snapshot.edgeNames;
  let lo = 0;
  let hi = objects.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((objects[mid] as number) < i) lo = mid + 1;
    else hi = mid;
  }
  const names = new Map<number, string>();
  for (let k = lo; k < objects.length && objects[k] === i; k++)
    names.set(positions[k] as number, edgeNameAt(snapshot.edgeNames, k));
  return names;
}

function edgeNameAt(edges: HeapEdgeNames, k: number): string {
  const value = edges.values[k] as number;
  switch (edges.kinds[k]) {
    case 1:
    case 3:
      return `[${value}]`;
    case 2:
      return `[${JSON.stringify(edges.texts[value]).replace(/^"|"$/g, "'")}]`;
    default:
      return `.${edges.texts[value]}`;
  }
}

/** The name of the edge from object `i` to its referent at `position`, or ''. */
export function heapEdgeName(snapshot: HeapSnapshot, i: number, position: number): string {
  return heapEdgeNamesOf(snapshot, i).get(position) ?? '';
}

/** The generation code of object `i`: 0–2, or {@link HeapGeneration} permanent / none. */
export function heapGeneration(snapshot: HeapSnapshot, i: number): number {
  // Three bits: the `labelled` flag sits above them.
  return ((snapshot.flags[i] as number) >> HEAP_GENERATION_SHIFT) & 7;
}

class Column<T extends Float64Array | Uint32Array | Uint16Array> {
  data: T;
  length = 0;
  constructor(data: T) {
    this.data = data;
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  take(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Assembles heap snapshots from their kind 3 record payloads, in stream order.
 * @throws TraceFormatError naming the snapshot and the byte when a part does not decode.
 */
export class HeapSnapshotAssembler {
  /** Snapshots assembled so far (an unfinished one is added by {@link finish}). */
  readonly snapshots: HeapSnapshot[] = [];
  private current: {
    position: NotePosition;
    label: string;
    gc: HeapSnapshotGcState;
    types: HeapSnapshotType[];
    address: Column<Float64Array>;
    type: Column<Uint32Array>;
    size: Column<Float64Array>;
    refcount: Column<Float64Array>;
    flags: Column<Uint16Array>;
    refStart: Column<Uint32Array>;
    refs: Column<Uint32Array>;
    weakStart: Column<Uint32Array>;
    weakrefs: Column<Uint32Array>;
    edgeObjects: Column<Uint32Array>;
    edgePositions: Column<Uint32Array>;
    edgeKinds: number[];
    edgeNumbers: Column<Float64Array>;
    edgeTexts: string[];
    labels: Map<number, string>;
    parts: Uint8Array[];
  } | null = null;
  private readonly unit: string;
  private payload: Uint8Array = new Uint8Array(0);

  /** `unit` names where a part sits in messages: `byte` (.pmt) or `line` (text). */
  constructor(unit: 'byte' | 'line' = 'byte') {
    this.unit = unit;
  }

  /** Reads one part: `bytes[start, end)`, the payload of a record that begins at byte `at`. */
  part(bytes: Uint8Array, start: number, end: number, at: number, position: NotePosition): void {
    const body = new ByteReader(bytes, start, end);
    try {
      this.payload = bytes.slice(start, end);
      this.read(body, at, position);
    } catch (error) {
      if (error instanceof TraceFormatError) throw error;
      const label = this.current ? `"${this.current.label}" ` : '';
      this.fail(`heap snapshot ${label}record is torn: it ends before its last field`, at);
    }
    if (body.offset !== end) this.fail('heap snapshot record has bytes after its last field', at);
  }

  private read(body: ByteReader, at: number, position: NotePosition): void {
    const part = body.varint();
    if (part === 0) {
      if (this.current) this.snapshots.push(this.incomplete());
      const label = body.string();
      const enabled = body.varint() !== 0;
      const thresholds = [body.varint(), body.varint(), body.varint()] as const;
      const counts = [body.varint(), body.varint(), body.varint()] as const;
      const small = () => new Column(new Uint32Array(1024));
      this.current = {
        position,
        label,
        gc: { enabled, thresholds, counts },
        types: [],
        address: new Column(new Float64Array(1024)),
        type: small(),
        size: new Column(new Float64Array(1024)),
        refcount: new Column(new Float64Array(1024)),
        flags: new Column(new Uint16Array(1024)),
        refStart: small(),
        refs: small(),
        weakStart: small(),
        weakrefs: small(),
        edgeObjects: small(),
        edgePositions: small(),
        edgeKinds: [],
        edgeNumbers: new Column(new Float64Array(1024)),
        edgeTexts: [],
        labels: new Map(),
        parts: [this.payload],
      };
      this.current.refStart.push(0);
      this.current.weakStart.push(0);
      return;
    }
    const s = this.current;
    if (!s) this.fail(`heap snapshot part ${part} with no snapshot begun before it`, at);
    if (part === 1 || part === 2) s.parts.push(this.payload);
    if (part === 1) {
      while (body.remaining() > 0) {
        const id = body.varint();
        if (id !== s.types.length)
          this.fail(
            `heap snapshot "${s.label}" defines type ${id}, expected ${s.types.length}`,
            at,
          );
        s.types.push({ module: body.string(), qualname: body.string(), flags: body.varint() });
      }
    } else if (part === 2) {
      const n = body.varint();
      let prev = 0;
      for (let k = 0; k < n; k++) {
        prev += unzigzag(body.varint());
        s.address.push(prev);
        const type = body.varint();
        if (type >= s.types.length)
          this.fail(`heap snapshot "${s.label}": object of undefined type ${type}`, at);
        s.type.push(type);
        s.size.push(body.varint() - 1);
        s.refcount.push(body.varint());
        s.flags.push(body.varint());
        const refCount = body.varint();
        for (let r = refCount; r > 0; r--) s.refs.push(body.varint());
        s.refStart.push(s.refs.length);
        const index = s.address.length - 1;
        for (let e = body.varint(); e > 0; e--) {
          const position = body.varint();
          const kind = body.varint();
          let value: number;
          if (kind === 1) value = body.varint();
          else if (kind === 3) value = unzigzag(body.varint());
          else if (kind === 2 || kind === 4) {
            value = s.edgeTexts.length;
            s.edgeTexts.push(body.string());
          } else this.fail(`heap snapshot "${s.label}": unknown edge kind ${kind}`, at);
          if (position >= refCount)
            this.fail(
              `heap snapshot "${s.label}": edge name for referent ${position} of ${refCount}`,
              at,
            );
          s.edgeObjects.push(index);
          s.edgePositions.push(position);
          s.edgeKinds.push(kind);
          s.edgeNumbers.push(value);
        }
        for (let w = body.varint(); w > 0; w--) s.weakrefs.push(body.varint());
        s.weakStart.push(s.weakrefs.length);
        if ((s.flags.data[index] as number) & HeapObjectFlag.labelled)
          s.labels.set(index, body.string());
      }
    } else if (part === 3) {
      const objects = body.varint();
      const types = body.varint();
      const length = s.address.length;
      if (objects !== length || types !== s.types.length)
        this.fail(
          `heap snapshot "${s.label}" is torn: its end says ${objects} objects and ${types} types, ` +
            `the records hold ${length} and ${s.types.length}`,
          at,
        );
      const refs = s.refs.take();
      const weakrefs = s.weakrefs.take();
      for (const column of [refs, weakrefs])
        for (const i of column)
          if (i >= length)
            this.fail(`heap snapshot "${s.label}": reference to object ${i} of ${length}`, at);
      this.snapshots.push({
        ...s.position,
        label: s.label,
        complete: true,
        gc: s.gc,
        types: s.types,
        length,
        address: s.address.take(),
        type: s.type.take(),
        size: s.size.take(),
        refcount: s.refcount.take(),
        flags: s.flags.take(),
        refStart: s.refStart.take(),
        refs,
        weakStart: s.weakStart.take(),
        weakrefs,
        edgeNames: {
          objects: s.edgeObjects.take(),
          positions: s.edgePositions.take(),
          kinds: Uint8Array.from(s.edgeKinds),
          values: s.edgeNumbers.take(),
          texts: s.edgeTexts,
        },
        labels: s.labels,
        parts: [...s.parts, this.payload],
      });
      this.current = null;
    } else {
      this.fail(`heap snapshot record of unknown part ${part}`, at);
    }
  }

  private incomplete(): HeapSnapshot {
    const s = this.current!;
    return {
      ...s.position,
      label: s.label,
      complete: false,
      gc: s.gc,
      types: [],
      length: 0,
      address: new Float64Array(0),
      type: new Uint32Array(0),
      size: new Float64Array(0),
      refcount: new Float64Array(0),
      flags: new Uint16Array(0),
      refStart: new Uint32Array(1),
      refs: new Uint32Array(0),
      weakStart: new Uint32Array(1),
      weakrefs: new Uint32Array(0),
      edgeNames: emptyHeapEdgeNames(),
      labels: new Map(),
      parts: s.parts,
    };
  }

  private fail(message: string, where: number): never {
    throw new TraceFormatError(
      `${this.unit} ${where}: ${message}`,
      this.unit === 'line' ? where : 0,
    );
  }

  /** The snapshots, an unfinished last one included (`complete: false`). */
  finish(): HeapSnapshot[] {
    if (this.current) this.snapshots.push(this.incomplete());
    this.current = null;
    return this.snapshots;
  }
}
