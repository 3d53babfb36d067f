/**
 * The heap map's colours: what a pixel shows (its *paint*) picks the hue, the size
 * class of its pool picks the shade.
 *
 *   paint            colour                    shaded by size class
 *   ───────────────  ────────────────────────  ─────────────────────
 *   allocated block  blue                      light (class 0) → dark (class 31)
 *   free block       green (on the free list)  light → dark
 *   virgin block     pale grey (never carved)  slightly
 *   pool header      slate                     no
 *   quantization     mauve (pool tail)         no
 *   empty pool       sand (on freepools)       no
 *   virgin pool      near white                no
 *   alignment loss   terracotta                no
 *
 * Colours are packed once into a palette of 32-bit pixels in ImageData's byte order
 * (R, G, B, A in memory, so little-endian ABGR as a Uint32), indexed by
 * `paint * SHADES + sizeClass`.
 */

/** What one pixel of the heap map shows. */
export const Paint = {
  background: 0,
  header: 1,
  allocated: 2,
  free: 3,
  virgin: 4,
  quantization: 5,
  emptyPool: 6,
  virginPool: 7,
  alignment: 8,
  unusedArena: 9,
} as const;
/** One of {@link Paint}'s values. */
export type PaintCode = (typeof Paint)[keyof typeof Paint];

/** Number of paints. */
export const PAINTS = 10;
/** Shades per paint: one per size class (32 in every profile). */
export const SHADES = 32;

/** An RGB colour, each channel 0 … 255. */
export type Rgb = readonly [number, number, number];

/** HSL (degrees, percent, percent) to RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** Where size class `sizeClass` lies between the lightest (0) and darkest (1) shade. */
export function shadeFraction(sizeClass: number): number {
  const clamped = Math.max(0, Math.min(SHADES - 1, sizeClass));
  return clamped / (SHADES - 1);
}

/** The colour of a paint for a pool of size class `sizeClass`. */
export function paintColor(paint: PaintCode, sizeClass: number): Rgb {
  const t = shadeFraction(sizeClass);
  switch (paint) {
    case Paint.allocated:
      return hslToRgb(214, 72, 74 - 44 * t);
    case Paint.free:
      return hslToRgb(140, 55, 84 - 36 * t);
    case Paint.virgin:
      return hslToRgb(210, 14, 90 - 8 * t);
    case Paint.header:
      return [59, 66, 82];
    case Paint.quantization:
      return [180, 142, 173];
    case Paint.emptyPool:
      return [236, 214, 150];
    case Paint.virginPool:
      return [243, 244, 246];
    case Paint.alignment:
      return [208, 135, 112];
    case Paint.unusedArena:
      return [250, 250, 250];
    default:
      return [255, 255, 255];
  }
}

/** Packs a colour as one ImageData pixel read through a Uint32Array (little-endian). */
export function packPixel([r, g, b]: Rgb, alpha = 255): number {
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Index of a paint and size class in {@link buildPalette}'s table. */
export function paletteIndex(paint: PaintCode, sizeClass: number): number {
  return paint * SHADES + Math.max(0, Math.min(SHADES - 1, sizeClass));
}

/** Every paint × shade as a packed pixel (see {@link paletteIndex}). */
export function buildPalette(): Uint32Array {
  const palette = new Uint32Array(PAINTS * SHADES);
  for (let paint = 0; paint < PAINTS; paint++) {
    for (let shade = 0; shade < SHADES; shade++) {
      palette[paint * SHADES + shade] = packPixel(paintColor(paint as PaintCode, shade));
    }
  }
  return palette;
}

/** A CSS colour for a paint and size class (legend, zoom panel). */
export function cssColor(paint: PaintCode, sizeClass = 0): string {
  const [r, g, b] = paintColor(paint, sizeClass);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The legend of the heap map, in reading order. */
export const LEGEND: readonly { readonly paint: PaintCode; readonly label: string }[] = [
  { paint: Paint.allocated, label: 'allocated block' },
  { paint: Paint.free, label: 'on the free list' },
  { paint: Paint.virgin, label: 'never carved' },
  { paint: Paint.header, label: 'pool header' },
  { paint: Paint.quantization, label: 'quantization' },
  { paint: Paint.emptyPool, label: 'empty pool' },
  { paint: Paint.virginPool, label: 'pool never carved' },
  { paint: Paint.alignment, label: 'alignment loss' },
];
