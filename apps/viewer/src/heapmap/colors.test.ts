import { describe, expect, it } from 'vitest';
import {
  buildPalette,
  hslToRgb,
  LEGEND,
  PAINTS,
  Paint,
  type PaintCode,
  packPixel,
  paintColor,
  paletteIndex,
  SHADES,
  shadeFraction,
} from './colors.ts';

const lightness = ([r, g, b]: readonly number[]) => r! + g! + b!;

describe('heap map colours', () => {
  it('converts HSL to RGB', () => {
    expect(hslToRgb(0, 100, 50)).toEqual([255, 0, 0]);
    expect(hslToRgb(120, 100, 50)).toEqual([0, 255, 0]);
    expect(hslToRgb(240, 100, 50)).toEqual([0, 0, 255]);
    expect(hslToRgb(0, 0, 100)).toEqual([255, 255, 255]);
  });

  it('packs pixels in ImageData byte order (R, G, B, A in memory)', () => {
    const pixel = new Uint32Array([packPixel([1, 2, 3], 4)]);
    expect([...new Uint8Array(pixel.buffer)]).toEqual([1, 2, 3, 4]);
  });

  it('shades allocated and free blocks darker as the size class grows', () => {
    for (const paint of [Paint.allocated, Paint.free, Paint.virgin]) {
      for (let sizeClass = 1; sizeClass < SHADES; sizeClass++) {
        expect(lightness(paintColor(paint, sizeClass))).toBeLessThanOrEqual(
          lightness(paintColor(paint, sizeClass - 1)),
        );
      }
      expect(lightness(paintColor(paint, 31))).toBeLessThan(lightness(paintColor(paint, 0)));
    }
  });

  it('does not shade pool-level paints', () => {
    for (const paint of [Paint.header, Paint.emptyPool, Paint.virginPool, Paint.alignment]) {
      expect(paintColor(paint, 0)).toEqual(paintColor(paint, 31));
    }
  });

  it('gives every paint of the legend its own colour at every shade', () => {
    for (let shade = 0; shade < SHADES; shade++) {
      const colors = LEGEND.map(({ paint }) => paintColor(paint, shade).join(','));
      expect(new Set(colors).size).toBe(LEGEND.length);
    }
  });

  it('indexes the palette by paint and clamped size class', () => {
    const palette = buildPalette();
    expect(palette.length).toBe(PAINTS * SHADES);
    for (let paint = 0; paint < PAINTS; paint++) {
      for (const shade of [0, 7, 31]) {
        expect(palette[paletteIndex(paint as PaintCode, shade)]).toBe(
          packPixel(paintColor(paint as PaintCode, shade)),
        );
      }
    }
    expect(paletteIndex(Paint.free, 99)).toBe(paletteIndex(Paint.free, 31));
    expect(paletteIndex(Paint.free, -4)).toBe(paletteIndex(Paint.free, 0));
    expect(shadeFraction(0)).toBe(0);
    expect(shadeFraction(31)).toBe(1);
  });
});
