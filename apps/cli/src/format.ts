/** Number formatting shared by the human-readable reports. */

const MiB = 1024 * 1024;

/** `1234567` → `1,234,567`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** `part / whole` as a percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)}%`;
}
