/**
 * The payloads of the object-model (kind 1) and collector (kind 2) extension records
 * (docs/formats/pmt.md, Extension records): a run of records that sit between the same
 * two events, packed like the allocator records — varints, zigzag deltas.
 *
 *   object payload    := record*          record := code-byte fields
 *     type            code 0   varint id, string name
 *     new / reuse     code 1/2 Δhandle, varint type id, Δaddress, varint size
 *     free / park     code 3/4 Δhandle, Δaddress
 *     track / untrack code 5/6 Δhandle
 *     incref / decref code 7/8 Δhandle, varint refcnt
 *   collector payload := record*
 *     scheduled       code 0   3 × varint count
 *     start           code 1   varint gen, varint reason, 3 × varint count, 3 × varint size
 *     phase           code 2   varint gen, varint phase, varint n, n × Δhandle
 *     weakref         code 3/4 varint gen, varint handle   (3 kept, 4 freed)
 *     stop            code 5   varint gen, varint collected, varint uncollectable
 *
 * Δhandle and Δaddress are zigzag deltas against the last handle and address of an
 * object record in the same chunk (both 0 at a chunk's start, like every allocator
 * base, so a chunk still decodes on its own); a phase's handles are deltas against the
 * previous handle of the same list (the first against 0). Type ids are dense and
 * file-wide, like file-name ids: a type is defined in the payload of its first use.
 */
import type { CollectorRecord, GenerationTriple, ObjectRecord } from '../model-records.ts';
import { COLLECTION_REASONS, COLLECTOR_PHASES } from '../model-records.ts';
import type { TraceBuilder } from '../trace.ts';
import { type ByteReader, ByteWriter, unzigzag, zigzag } from './bytes.ts';
import {
  ADDRESS_ALIGNMENT,
  CollectorRecordCode,
  MODEL_RECORD_BITS,
  ObjectRecordCode,
} from './format.ts';

/** Thrown (as a message) for a record that cannot be what a writer wrote. */
export class ModelRecordError extends Error {}

/** Encodes runs of model records into extension payloads, chunk by chunk. */
export class ModelRecordEncoder {
  private readonly typeIds = new Map<string, number>();
  private prevHandle = 0;
  private prevAddress = 0;
  /** Reused for every payload (a writer's first buffer is large). */
  private readonly out = new ByteWriter();

  /** A new chunk begins: the delta bases restart at 0 (type ids stay defined). */
  restart(): void {
    this.prevHandle = 0;
    this.prevAddress = 0;
  }

  /** The payload of one object extension record holding `records`. */
  objects(records: readonly ObjectRecord[]): Uint8Array {
    const out = this.out;
    for (const record of records) {
      let typeId = -1;
      if (record.kind === 'new') {
        typeId = this.typeIds.get(record.typeName) ?? -1;
        if (typeId < 0) {
          typeId = this.typeIds.size;
          this.typeIds.set(record.typeName, typeId);
          out.u8(ObjectRecordCode.type);
          out.varint(typeId);
          out.string(record.typeName);
        }
      }
      const hasAddress = record.kind === 'new' || record.kind === 'free' || record.kind === 'park';
      const delta = hasAddress ? record.address - this.prevAddress : 0;
      const aligned = hasAddress && delta % ADDRESS_ALIGNMENT === 0;
      const code = record.kind === 'new' && record.reused ? 'reuse' : record.kind;
      out.u8(ObjectRecordCode[code] | (aligned ? MODEL_RECORD_BITS.aligned : 0));
      out.varint(zigzag(record.handle - this.prevHandle));
      this.prevHandle = record.handle;
      if (record.kind === 'new') out.varint(typeId);
      if (hasAddress) {
        out.varint(zigzag(aligned ? delta / ADDRESS_ALIGNMENT : delta));
        this.prevAddress = record.address;
      }
      if (record.kind === 'new') out.varint(record.size);
      else if (record.kind === 'incref' || record.kind === 'decref') out.varint(record.refcnt);
    }
    return out.take();
  }

  /** The payload of one collector extension record holding `records`. */
  collector(records: readonly CollectorRecord[]): Uint8Array {
    const out = this.out;
    const triple = (values: GenerationTriple) => {
      for (const value of values) out.varint(value);
    };
    for (const record of records) {
      switch (record.kind) {
        case 'scheduled':
          out.u8(CollectorRecordCode.scheduled);
          triple(record.counts);
          break;
        case 'start':
          out.u8(CollectorRecordCode.start);
          out.varint(record.generation);
          out.varint(COLLECTION_REASONS.indexOf(record.reason));
          triple(record.counts);
          triple(record.generationSizes);
          break;
        case 'phase': {
          out.u8(CollectorRecordCode.phase);
          out.varint(record.generation);
          out.varint(COLLECTOR_PHASES.indexOf(record.phase));
          out.varint(record.objects.length);
          let previous = 0;
          for (const handle of record.objects) {
            out.varint(zigzag(handle - previous));
            previous = handle;
          }
          break;
        }
        case 'weakref':
          out.u8(record.freed ? CollectorRecordCode.weakrefFreed : CollectorRecordCode.weakrefKept);
          out.varint(record.generation);
          out.varint(record.handle);
          break;
        default:
          out.u8(CollectorRecordCode.stop);
          out.varint(record.generation);
          out.varint(record.collected);
          out.varint(record.uncollectable);
      }
    }
    return out.take();
  }
}

/** The name a type defined in a lost chunk reads as. */
export const LOST_TYPE = '<lost>';

/** Decodes extension payloads back into records (the inverse of {@link ModelRecordEncoder}). */
export class ModelRecordDecoder {
  /** Type names by id, file-wide. */
  readonly types: string[] = [];
  /** Type ids filled with {@link LOST_TYPE} because their chunk was lost. */
  placeholders = 0;
  private prevHandle = 0;
  private prevAddress = 0;

  /** A new chunk begins: the delta bases restart at 0. */
  restart(): void {
    this.prevHandle = 0;
    this.prevAddress = 0;
  }

  /**
   * Appends the object records of the payload `body` holds (to its end) to the
   * builder's `objectRecords`, each at the builder's next note position; `lossy`: a chunk was lost, so an undefined type id becomes a placeholder.
   * @throws ModelRecordError, or ByteRangeError from `body`, on a malformed record.
   */
  objects(body: ByteReader, builder: TraceBuilder, lossy: boolean): void {
    const out = builder.objectRecords;
    while (body.remaining() > 0) {
      const first = body.u8();
      const code = first & MODEL_RECORD_BITS.codeMask;
      if (first & ~(MODEL_RECORD_BITS.codeMask | MODEL_RECORD_BITS.aligned) || code > 8)
        throw new ModelRecordError(`unknown object record code ${first}`);
      if (code === ObjectRecordCode.type) {
        this.defineType(body, lossy);
        continue;
      }
      const handle = this.prevHandle + unzigzag(body.varint());
      if (handle < 0) throw new ModelRecordError(`negative handle ${handle}`);
      this.prevHandle = handle;
      const eventIndex = builder.length;
      const seq = builder.seq++;
      if (code === ObjectRecordCode.new || code === ObjectRecordCode.reuse) {
        const typeId = body.varint();
        if (typeId >= this.types.length) {
          if (!lossy) throw new ModelRecordError(`object names undefined type ${typeId}`);
          this.fill(typeId + 1);
        }
        const address = this.address(body, first);
        out.push({
          eventIndex,
          seq,
          kind: 'new',
          handle,
          typeName: this.types[typeId]!,
          address,
          size: body.varint(),
          reused: code === ObjectRecordCode.reuse,
        });
      } else if (code === ObjectRecordCode.free || code === ObjectRecordCode.park) {
        const kind = code === ObjectRecordCode.free ? 'free' : 'park';
        out.push({ eventIndex, seq, kind, handle, address: this.address(body, first) });
      } else if (code === ObjectRecordCode.track || code === ObjectRecordCode.untrack) {
        const kind = code === ObjectRecordCode.track ? 'track' : 'untrack';
        out.push({ eventIndex, seq, kind, handle });
      } else {
        const kind = code === ObjectRecordCode.incref ? 'incref' : 'decref';
        out.push({ eventIndex, seq, kind, handle, refcnt: body.varint() });
      }
    }
  }

  /** A type definition: `varint id` (the next one), `string name`. */
  private defineType(body: ByteReader, lossy: boolean): void {
    const id = body.varint();
    if (id > this.types.length && lossy) this.fill(id);
    if (id !== this.types.length) throw new ModelRecordError(`type id ${id} out of order`);
    const name = body.string();
    if (name === '' || /\s/.test(name))
      throw new ModelRecordError(`bad type name ${JSON.stringify(name)}`);
    this.types.push(name);
  }

  /** An address stored as a delta against the chunk's last one; `first`: the record's first byte. */
  private address(body: ByteReader, first: number): number {
    const scale = first & MODEL_RECORD_BITS.aligned ? ADDRESS_ALIGNMENT : 1;
    const address = this.prevAddress + unzigzag(body.varint()) * scale;
    if (address < 0) throw new ModelRecordError(`negative address ${address}`);
    this.prevAddress = address;
    return address;
  }

  /**
   * Appends the collector records of the payload `body` holds (to its end) to the
   * builder's `collectorRecords`.
   * @throws ModelRecordError, or ByteRangeError from `body`, on a malformed record.
   */
  collector(body: ByteReader, builder: TraceBuilder): void {
    const out = builder.collectorRecords;
    const position = () => builder.position();
    const triple = (): GenerationTriple => [body.varint(), body.varint(), body.varint()];
    while (body.remaining() > 0) {
      const code = body.u8();
      switch (code) {
        case CollectorRecordCode.scheduled:
          out.push({ ...position(), kind: 'scheduled', counts: triple() });
          break;
        case CollectorRecordCode.start: {
          const generation = body.varint();
          const reason = COLLECTION_REASONS[body.varint()];
          if (reason === undefined) throw new ModelRecordError('unknown collection reason');
          out.push({
            ...position(),
            kind: 'start',
            generation,
            reason,
            counts: triple(),
            generationSizes: triple(),
          });
          break;
        }
        case CollectorRecordCode.phase: {
          const generation = body.varint();
          const phase = COLLECTOR_PHASES[body.varint()];
          if (phase === undefined) throw new ModelRecordError('unknown collector phase');
          const count = body.varint();
          if (count > body.remaining())
            throw new ModelRecordError(`a phase of ${count} objects runs past its record`);
          const objects: number[] = [];
          let previous = 0;
          for (let k = 0; k < count; k++) {
            previous += unzigzag(body.varint());
            if (previous < 0) throw new ModelRecordError(`negative handle ${previous}`);
            objects.push(previous);
          }
          out.push({ ...position(), kind: 'phase', generation, phase, objects });
          break;
        }
        case CollectorRecordCode.weakrefKept:
        case CollectorRecordCode.weakrefFreed:
          out.push({
            ...position(),
            kind: 'weakref',
            generation: body.varint(),
            handle: body.varint(),
            freed: code === CollectorRecordCode.weakrefFreed,
          });
          break;
        case CollectorRecordCode.stop:
          out.push({
            ...position(),
            kind: 'stop',
            generation: body.varint(),
            collected: body.varint(),
            uncollectable: body.varint(),
          });
          break;
        default:
          throw new ModelRecordError(`unknown collector record code ${code}`);
      }
    }
  }

  private fill(upTo: number): void {
    while (this.types.length < upTo) {
      this.types.push(LOST_TYPE);
      this.placeholders++;
    }
  }
}
