import { describe, expect, it } from 'vitest';
import { encodePmtBytes } from './pmt/index.ts';
import { SNIFF_BYTES, sniffTrace } from './sniff.ts';
import { parseTextTrace } from './text-reader.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('sniffTrace', () => {
  it('tells .pmt, gzip and text apart by their first bytes, and brotli by name', () => {
    const trace = parseTextTrace('pymem-trace 1\npython 3.12.1\nm obj 56 7f0000000030\n');
    const pmt = encodePmtBytes(trace).subarray(0, SNIFF_BYTES);
    expect(sniffTrace(pmt, 'x.txt.br')).toBe('pmt');
    expect(sniffTrace(Uint8Array.of(0x1f, 0x8b, 8, 0), 'x')).toBe('gzip');
    expect(sniffTrace(ascii('pymem-trace 1\npy'), 'x.br')).toBe('text');
    expect(sniffTrace(Uint8Array.of(0x8b, 1, 2), 'trace.pymem.txt.BR')).toBe('brotli');
    expect(sniffTrace(ascii('garbage'), 'x.txt')).toBe('text');
    expect(sniffTrace(new Uint8Array(0), 'empty')).toBe('text');
  });
});
