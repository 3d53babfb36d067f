export { decodePmt, isPmt, type PmtChunkEntry, type PmtFile } from './pmt-reader.ts';
export { encodePmt, encodePmtBytes, type PmtWriteOptions } from './pmt-writer.ts';
