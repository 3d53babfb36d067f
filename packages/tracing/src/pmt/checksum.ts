/**
 * The checksum of `.pmt` version 2: CRC-32C (Castagnoli; reflected polynomial
 * 0x82F63B78, initial value and final xor 0xFFFFFFFF; `crc32c("123456789")` =
 * 0xE3069283), the CRC that iSCSI, ext4 and SSE4.2's `crc32` instruction compute.
 * It detects every error of up to 32 consecutive bits, so any single changed byte.
 * The arithmetic is crc-32's pure-JS slicing-by-16 (`crc-32/crc32c`); the recorder
 * computes the same in C (SSE4.2 when the CPU has it, else a table).
 */
import CRC32C from 'crc-32/crc32c.js';

/** The reflected CRC-32C polynomial (mirrored in C as `PMT_CRC32C_POLY`). */
export const CRC32C_POLYNOMIAL = 0x82f63b78;

/** CRC-32C of `bytes[start, end)` as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return CRC32C.buf(view) >>> 0;
}
