/**
 * Little-endian byte buffers with LEB128 varints and zigzag deltas, exact for every
 * integer below 2**53 (addresses included): arithmetic, not 32-bit bitwise, above 2**31.
 */

/** A growable output buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  /** Bytes written. */
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  /** Appends one byte. */
  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  /** Appends a little-endian u16/u32/u64 (u64 exact below 2**53). */
  uint(value: number, size: 2 | 4 | 8): void {
    this.ensure(size);
    let rest = value;
    for (let i = 0; i < size; i++) {
      this.bytes[this.length++] = rest % 256;
      rest = Math.floor(rest / 256);
    }
  }

  /** Appends an unsigned LEB128 varint. */
  varint(value: number): void {
    this.ensure(8);
    let rest = value;
    while (rest >= 128) {
      this.bytes[this.length++] = (rest % 128) | 128;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length++] = rest;
  }

  /** Appends raw bytes. */
  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** Appends a varint byte length and the UTF-8 bytes of `text`. */
  string(text: string): void {
    const data = ENCODER.encode(text);
    this.varint(data.length);
    this.raw(data);
  }

  /** A copy of what was written. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder('utf-8', { fatal: true });

/** Thrown by {@link ByteReader} when it would read past its end or finds bad UTF-8. */
export class ByteRangeError extends Error {
  /** Byte offset where reading failed. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Reads what {@link ByteWriter} wrote, with bounds checks. */
export class ByteReader {
  /** Current offset. */
  offset: number;
  private readonly bytes: Uint8Array;
  private readonly end: number;

  constructor(bytes: Uint8Array, offset = 0, end: number = bytes.length) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
  }

  /** Bytes left. */
  remaining(): number {
    return this.end - this.offset;
  }

  /** Reads one byte. */
  u8(): number {
    if (this.offset >= this.end) throw new ByteRangeError('unexpected end of data', this.offset);
    return this.bytes[this.offset++]!;
  }

  /** Reads a little-endian u16/u32/u64. */
  uint(size: 2 | 4 | 8): number {
    if (this.offset + size > this.end)
      throw new ByteRangeError('unexpected end of data', this.offset);
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + this.bytes[this.offset + i]!;
    this.offset += size;
    return value;
  }

  /** Reads an unsigned LEB128 varint (at most 8 bytes: 56 bits). */
  varint(): number {
    const first = this.bytes[this.offset]!;
    if (first < 128 && this.offset < this.end) {
      this.offset++;
      return first;
    }
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8();
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
    throw new ByteRangeError('varint longer than 8 bytes', this.offset);
  }

  /** Reads a varint length and that many UTF-8 bytes. */
  string(): string {
    const length = this.varint();
    if (this.offset + length > this.end)
      throw new ByteRangeError('string runs past the end', this.offset);
    const start = this.offset;
    this.offset += length;
    try {
      return DECODER.decode(this.bytes.subarray(start, this.offset));
    } catch {
      throw new ByteRangeError('invalid UTF-8', start);
    }
  }

  /** Reads `length` raw bytes. */
  raw(length: number): Uint8Array {
    if (this.offset + length > this.end)
      throw new ByteRangeError('unexpected end of data', this.offset);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
}

/** Signed → unsigned: 0, -1, 1, -2 → 0, 1, 2, 3. */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** Inverse of {@link zigzag}. */
export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}
