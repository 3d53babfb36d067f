/**
 * The C recorder writes `.pmt` with its own copy of the format's constants, checksum
 * and delta-class rule (pymem_launcher.c, between PMT-FORMAT-BEGIN and PMT-FORMAT-END).
 * These tests compare that copy with format.ts and checksum.ts name for name, and
 * compile the C block alone to run its CRC-32C and request_class() against ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRC32C_POLYNOMIAL, crc32c } from './checksum.ts';
import * as format from './format.ts';

const LAUNCHER = join(import.meta.dirname, '../../../recorder/native/pymem_launcher.c');
const source = readFileSync(LAUNCHER, 'utf8');
const block = /\/\* PMT-FORMAT-BEGIN[\s\S]*?\/\* PMT-FORMAT-END \*\//.exec(source)?.[0] ?? '';

/** TypeScript constants the C writer has no use for: it writes version 2 only. */
const READ_ONLY = ['FORMAT_VERSION_1', 'CHUNK_MAGIC_1', 'CHUNK_HEADER_BYTES_1', 'INDEX_MAGIC_1'];

/** The bytes of a C string literal (`\xNN`, `\r`, `\n`, `\0` escapes). */
function cString(literal: string): number[] {
  const out: number[] = [];
  const body = literal.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out.push(body.charCodeAt(i));
      continue;
    }
    const escaped = body[++i];
    if (escaped === 'x') {
      out.push(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push({ r: 13, n: 10, '0': 0, '\\': 92 }[escaped as 'r' | 'n' | '0' | '\\']!);
  }
  return out;
}

/** `#define PMT_X value` of the block, as numbers or byte lists. */
function cDefines(): Map<string, number | number[]> {
  const defines = new Map<string, number | number[]>();
  for (const [, name, value] of block.matchAll(/^#define PMT_(\w+) +(\S+)/gm)) {
    defines.set(
      name!,
      value!.startsWith('"') ? cString(value!) : Number(value!.replace(/u$/i, '')),
    );
  }
  return defines;
}

/** Every TypeScript constant, under the name its C mirror has after `PMT_`. */
function tsConstants(): Map<string, number | number[]> {
  const constants = new Map<string, number | number[]>();
  for (const [name, value] of Object.entries(format)) {
    if (typeof value === 'number') constants.set(name, value);
    else if (value instanceof Uint8Array) constants.set(name, [...value]);
  }
  const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  for (const [name, value] of Object.entries(format.Kind)) constants.set(`K_${snake(name)}`, value);
  for (const [name, value] of Object.entries(format.ExtensionKind))
    constants.set(`EXT_${snake(name)}`, value);
  constants.set('CRC32C_POLY', CRC32C_POLYNOMIAL);
  for (const name of READ_ONLY) constants.delete(name);
  return constants;
}

/** A u32 magic as its 4 little-endian bytes. */
const magicBytes = (value: number) => [0, 1, 2, 3].map((i) => (value >>> (8 * i)) & 0xff);

describe('the C recorder mirrors format.ts', () => {
  it('has a format block', () => {
    expect(block).toMatch(/#define PMT_FORMAT_VERSION 2/);
  });

  it('defines every constant once, with the same value, and nothing else', () => {
    const c = cDefines();
    const ts = tsConstants();
    expect([...c.keys()].sort()).toEqual([...ts.keys()].sort());
    for (const [name, value] of ts) {
      const mirror = c.get(name)!;
      // Magics are u32 numbers in TypeScript and 4-character strings in C.
      const expected =
        Array.isArray(mirror) && typeof value === 'number' ? magicBytes(value) : value;
      expect(mirror, `PMT_${name}`).toEqual(expected);
    }
  });

  it('names no format number outside the block (every use goes through PMT_ names)', () => {
    const rest = source.replace(block, '');
    expect(rest).not.toMatch(/"CHK\d"|"IDX\d"|"PMTEND|\\x89PMT/);
    expect(rest).not.toMatch(/\bK_\w+ = \d/);
  });
});

/** A C compiler on PATH, or null. */
function compiler(): string | null {
  for (const name of ['gcc', 'cc', 'clang'])
    for (const dir of (process.env.PATH ?? '').split(delimiter))
      if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

const cc = compiler();
if (!cc) process.stderr.write('  format-mirror: no C compiler on PATH: C checks SKIPPED\n');

describe.skipIf(!cc)('the C block, compiled alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-pmt-mirror-'));
  const harness = join(dir, 'harness.c');
  writeFileSync(
    harness,
    `#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdio.h>
${block}
/* stdin: (u32 length, bytes)...; stdout: the software and hardware CRC of each,
   then request_class(size) for the sizes in argv. */
int main(int argc, char **argv) {
  static uint8_t data[1 << 20];
  uint8_t head[4];
  pmt_crc32c_init();
  int hw = crc32c_hw;
  while (fread(head, 1, 4, stdin) == 4) {
    uint32_t n = head[0] | head[1] << 8 | head[2] << 16 | (uint32_t)head[3] << 24;
    if (fread(data, 1, n, stdin) != n) return 1;
    crc32c_hw = 0;
    uint32_t sw = pmt_crc32c(data, n);
    crc32c_hw = hw;
    printf("%u %u\\n", sw, pmt_crc32c(data, n));
  }
  for (int i = 1; i < argc; i++) printf("%u\\n", request_class((uintptr_t)strtoull(argv[i], 0, 10)));
  return 0;
}
`.replace('#include <stdio.h>', '#include <stdio.h>\n#include <stdlib.h>'),
  );
  const binary = join(dir, 'harness');
  execFileSync(cc!, ['-O2', '-Wall', '-Werror', '-Wno-unused-function', '-o', binary, harness]);

  it('computes the same CRC-32C as crc32c(), in software and with SSE4.2', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    const buffers = [new Uint8Array(0), new TextEncoder().encode('123456789')];
    for (let n = 1; n < 40; n++) buffers.push(Uint8Array.from({ length: n }, random));
    for (const n of [255, 4096, 65_537, 300_001])
      buffers.push(Uint8Array.from({ length: n }, random));
    const input = Buffer.concat(
      buffers.flatMap((bytes) => {
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.length);
        return [length, bytes];
      }),
    );
    const run = spawnSync(binary, [], { input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(buffers.length);
    expect(lines[1]).toBe(`${0xe3069283} ${0xe3069283}`);
    buffers.forEach((bytes, i) => {
      const expected = crc32c(bytes);
      expect(lines[i], `buffer ${i} of ${bytes.length} bytes`).toBe(`${expected} ${expected}`);
    });
  });

  it('puts every request size in the same delta class as requestClass()', () => {
    const sizes = [...Array.from({ length: 1100 }, (_, i) => i), 4096, 65_536, 2 ** 32, 2 ** 40];
    const run = spawnSync(binary, sizes.map(String), { input: '', encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map(Number)).toEqual(sizes.map(format.requestClass));
  });
});
