/**
 * Damaged `.pmt` recordings through the whole CLI, in-process: a real fixture written
 * as version 2, then single bytes flipped, ranges zeroed, bytes inserted and the file
 * cut, with a fixed seed. Every change must be reported — exit 2 with one line per
 * problem, or (a cut file, or `--salvage`) `pymem: warning:` lines — and never a stack
 * trace, a hang, or a silent exit 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePmt, encodePmtBytes } from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixture } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-fuzz-'));
// Small chunks: many regions (header, 12 chunks, index, trailer) in a small file.
const original = encodePmtBytes(readFixture(fixturePath('3.12.1', 'arena_release')), {
  eventsPerChunk: 8192,
});
const layout = decodePmt(original);
const headerEnd = layout.chunks[0]!.offset;
const indexStart =
  layout.chunks.at(-1)!.offset +
  28 +
  new DataView(original.buffer, original.byteOffset).getUint32(
    layout.chunks.at(-1)!.offset + 4,
    true,
  );

/** A seeded generator (Park–Miller): the same positions and values on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state;
  };
}

let runs = 0;
async function check(bytes: Uint8Array, ...flags: string[]) {
  const path = join(scratch, `damaged-${runs++}.pmt`);
  writeFileSync(path, bytes);
  const command = flags.length > 0 ? flags : ['check'];
  return runCli([...command, path]);
}

/** The CLI's way of reporting: every stderr line is `pymem: …`, none is a stack frame. */
function expectReported(result: { status: number; stderr: string }) {
  const lines = result.stderr.trimEnd().split('\n');
  expect(result.stderr).not.toBe('');
  for (const line of lines) expect(line).toMatch(/^pymem: /);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('pymem check on damaged recordings', () => {
  it('the undamaged file checks clean (exit 0, nothing on stderr)', async () => {
    expect(layout.version).toBe(2);
    const result = await check(original);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/ok: the recording is intact/);
  });

  it('reports each of 1,000 single-byte flips with exit 2, the header, index and trailer included', async () => {
    const random = seeded(20240611);
    const positions: number[] = [];
    // Every byte of the header, of the index and of the trailer, then random bytes.
    for (let at = 0; at < headerEnd; at++) positions.push(at);
    for (let at = indexStart; at < original.length; at++) positions.push(at);
    while (positions.length < 1000) positions.push(random() % original.length);
    const regions = { header: 0, chunks: 0, index: 0 };
    for (const at of positions) {
      const damaged = original.slice();
      damaged[at]! ^= 1 + (random() % 255);
      const result = await check(damaged);
      expect(result.status, `flip at byte ${at}: ${result.stderr}`).toBe(2);
      expectReported(result);
      expect(result.stderr).toMatch(
        /^pymem: .*(damaged|version|byte \d+|line 1: expected "pymem-trace|line 1: binary data)/m,
      );
      regions[at < headerEnd ? 'header' : at >= indexStart ? 'index' : 'chunks']++;
    }
    expect(positions).toHaveLength(1000);
    expect(regions.header).toBeGreaterThan(0);
    expect(regions.index).toBeGreaterThan(0);
    expect(regions.chunks).toBeGreaterThan(400);
  }, 300_000);

  it('under --salvage, a report command warns and goes on, or stops with one line', async () => {
    const random = seeded(77);
    for (let k = 0; k < 40; k++) {
      const at = headerEnd + (random() % (indexStart - headerEnd));
      const damaged = original.slice();
      damaged[at]! ^= 1 + (random() % 255);
      const result = await check(damaged, 'timeline', '--points', '4', '--salvage');
      expectReported(result);
      expect([0, 2], `flip at byte ${at}: ${result.stderr}`).toContain(result.status);
      if (result.status === 0) expect(result.stderr).toMatch(/^pymem: warning: .* events? lost/m);
    }
  }, 300_000);

  it('reports zeroed ranges, inserted bytes and cut files; exit 0 only for a cut, with a warning', async () => {
    const change = fc.oneof(
      fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 1, max: 64 })).map(([at, length]) => {
        const copy = original.slice();
        copy.fill(0, at, at + length);
        return { kind: 'zero', bytes: copy };
      }),
      fc
        .tuple(fc.nat(original.length), fc.uint8Array({ minLength: 1, maxLength: 16 }))
        .map(([at, extra]) => {
          const copy = new Uint8Array(original.length + extra.length);
          copy.set(original.subarray(0, at));
          copy.set(extra, at);
          copy.set(original.subarray(at), at + extra.length);
          return { kind: 'insert', bytes: copy };
        }),
      fc.nat(original.length - 1).map((length) => ({
        kind: 'cut',
        bytes: original.slice(0, length),
      })),
    );
    await fc.assert(
      fc.asyncProperty(change, async ({ kind, bytes }) => {
        const unchanged =
          bytes.length === original.length && bytes.every((byte, i) => byte === original[i]);
        const result = await check(bytes);
        if (unchanged) {
          expect(result.status).toBe(0);
          return;
        }
        expectReported(result);
        if (kind === 'cut' && result.status === 0)
          expect(result.stderr).toMatch(/^pymem: warning: .*(torn|no index)/m);
        else expect(result.status, `${kind}: ${result.stderr}`).toBe(2);
      }),
      { seed: 11, numRuns: 300 },
    );
  }, 300_000);
});
