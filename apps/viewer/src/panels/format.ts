/**
 * Number formatting for the panels: grouped integers, bytes with binary units, and
 * percentages.
 */

/** 1234567 → "1,234,567". */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}

/** Bytes with a binary unit: "1.5 MiB", "640 KiB", "48 B". */
export function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const digits = unit === 0 || Number.isInteger(scaled) ? 0 : scaled < 10 ? 2 : 1;
  return `${scaled.toFixed(digits)} ${units[unit]}`;
}

/** 0.4567 → "45.7%". */
export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

/** 1 → "1 arena", 3 → "3 arenas" (grouped). */
export function count(value: number, noun: string): string {
  return `${grouped(value)} ${noun}${value === 1 ? '' : 's'}`;
}
