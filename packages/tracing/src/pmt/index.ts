export { CRC32C_POLYNOMIAL, crc32c } from './checksum.ts';
export { ExtensionKind, extensionKindName, FORMAT_VERSION } from './format.ts';
export { type PmtDamage, PmtDamageError, type PmtRegion } from './pmt-damage.ts';
export {
  decodePmt,
  isPmt,
  type PmtChunkEntry,
  type PmtExtensionSummary,
  type PmtFile,
  type PmtIndexState,
  type PmtReadOptions,
  type PmtTornTail,
} from './pmt-reader.ts';
export {
  chunkHolding,
  type PmtByteSource,
  type PmtScan,
  type PmtScanIndex,
  reopenPmt,
  scanIndex,
  scanPmt,
} from './pmt-stream.ts';
export {
  encodePmt,
  encodePmtBytes,
  PmtEncoder,
  type PmtWriteOptions,
} from './pmt-writer.ts';
