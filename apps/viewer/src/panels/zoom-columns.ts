/**
 * The zoom panel's grid: how many blocks per row, by how many blocks the pool holds
 * (1021 blocks of 16 bytes in a 16 KiB pool down to 7 of 512 in a 4 KiB one).
 */

/** Columns of the zoomed grid for a pool of `blocks` blocks. */
export function zoomColumns(blocks: number): number {
  return blocks > 512 ? 32 : blocks > 128 ? 24 : 16;
}
