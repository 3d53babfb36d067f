/**
 * `pymem gc` on a committed recording of real CPython 3.12.1 (tests/programs/
 * heap_snapshot.py, re-recorded by `pnpm snapshot-fixture`): the recording holds the
 * program's own `gc.collect(1)` (logged through gc.callbacks right after the
 * snapshot), which is the ground truth the modelled collection must equal. Then the
 * bad inputs: a mark without a snapshot, an unknown mark, a recording without any,
 * and a recording killed while it wrote the snapshot.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { decodePmt } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const FIXTURE = join(FIXTURES_DIR, 'snapshots', '3.12.1', 'heap_snapshot.pmt.br');
const bytes = brotliDecompressSync(readFileSync(FIXTURE));
const dir = mkdtempSync(join(tmpdir(), 'pymem-gc-'));
const file = join(dir, 'heap_snapshot.pmt');
writeFileSync(file, bytes);

describe('pymem gc on a recorded heap snapshot', () => {
  const { trace } = decodePmt(new Uint8Array(bytes));
  const snapshot = trace.heapSnapshots?.find((s) => s.label === 's');
  const logged = trace.gcCollections.find((c) => c.eventIndex >= (snapshot?.eventIndex ?? 0));

  it('gives what the program’s gc.collect(1) returned', async () => {
    expect(snapshot?.complete).toBe(true);
    expect(logged?.generation).toBe(1);
    const truth = logged!.collected + logged!.uncollectable;
    expect(truth).toBeGreaterThan(0);
    const run = await runCli(['gc', file, '--mark', 's', '--generation', '1', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ python: '3.12.1', mark: 's', generation: 1 });
    expect(report.unreachable).toBe(truth);
    expect(report.collected).toBe(logged!.collected);
    expect(report.uncollectable).toBe(logged!.uncollectable);
    const grouped = report.groups.reduce(
      (sum: number, g: { objects: number }) => sum + g.objects,
      0,
    );
    expect(grouped).toBe(report.unreachable);
  });

  it('prints the cycles by composition, largest first', async () => {
    const run = await runCli(['gc', file, '--generation', '1']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(
      /^gc\.collect\(1\) would return \d+: \d+ collected, 0 uncollectable, [\d,]+ bytes given back$/,
    );
    expect(run.stdout).toMatch(/ 2 × __main__\.Node\n/);
    expect(run.stdout).toMatch(/1 × __main__\.Fin \(2 with __del__\)/);
  });

  it('links every object in pymalloc to an allocated block of the replayed allocator', async () => {
    const run = await runCli(['objects', file, '--mark', 's', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ objects: snapshot!.length, unlinked: 0 });
    expect(report.linked + report.outside).toBe(report.objects);
    expect(report.blocks).toBe(report.linked); // one object per block
    const rows = report.types as { type: string; objects: number; bytes: number }[];
    expect(rows.reduce((sum, row) => sum + row.objects, 0)).toBe(report.objects);
    expect(rows.reduce((sum, row) => sum + row.bytes, 0)).toBe(report.bytes);
    expect(rows.find((row) => row.type === '__main__.Node')?.objects).toBeGreaterThan(0);
  });

  it('keeps the snapshot through conversion to text (H lines) and back', async () => {
    const text = join(dir, 'out.pymem.txt');
    const back = join(dir, 'back.pmt');
    expect((await runCli(['convert', file, '--to', 'text', '-o', text])).status).toBe(0);
    expect(readFileSync(text, 'utf8')).toMatch(/\nS s\n(\|[^\n]*\n)*H [A-Za-z0-9+/=]+\n/);
    expect((await runCli(['convert', text, '--to', 'binary', '-o', back])).status).toBe(0);
    const expected = (await runCli(['gc', file, '--generation', '1', '--json'])).stdout;
    for (const copy of [text, back]) {
      const run = await runCli(['gc', copy, '--generation', '1', '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(expected));
    }
    const again = decodePmt(new Uint8Array(readFileSync(back))).trace.heapSnapshots![0]!;
    expect(again.parts).toEqual(snapshot!.parts);
    expect(again.eventIndex).toBe(snapshot!.eventIndex);
  });

  it('names the chain from the module global that holds a leaked object', async () => {
    const run = await runCli(['why', file, '--mark', 's', '--type', '__main__.Leak']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[1]).toMatch(
      /^ {2}module __main__\.__dict__ → dict\['registry'\] → dict\['cache'\] → list\[3\] → __main__\.Leak at 0x[0-9a-f]+$/,
    );
    const address = /at (0x[0-9a-f]+)$/.exec(run.stdout.split('\n')[1]!)![1]!;
    const json = JSON.parse((await runCli(['why', file, address, '--json'])).stdout);
    expect(json.chains[0].root).toBe('module');
    expect(json.chains[0].path.map((step: { type: string }) => step.type)).toEqual([
      'module',
      'dict',
      'dict',
      'list',
      '__main__.Leak',
    ]);
    const bad = await runCli(['why', file, '0x10']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(
      /^pymem: 0x10 is no object of heap snapshot "s" \([\d,]+ objects; pymem objects lists their types\)$/,
    );
  });

  it('says in one line which snapshots there are when the mark has none', async () => {
    const plain = await runCli(['gc', file, '--mark', 'plain']);
    expect(plain.status).toBe(2);
    expect(plain.stderr.trim()).toBe(
      'pymem: mark "plain" has no heap snapshot (heap snapshots: "s")',
    );
    const unknown = await runCli(['gc', file, '--mark', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      'pymem: no mark "nope" in this recording (heap snapshots: "s")',
    );
  });

  it('names a recording without snapshots', async () => {
    const other = join(dir, 'gc_cycles.pmt');
    writeFileSync(
      other,
      brotliDecompressSync(readFileSync(join(FIXTURES_DIR, '3.12.1', 'gc_cycles.pmt.br'))),
    );
    const run = await runCli(['gc', other]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^pymem: no heap snapshot in this recording \(marks: .*\): take one with pymem_record\.snapshot\(label\) or pymem record --snapshot-at-exit$/,
    );
  });

  it('replays a recording killed while writing the snapshot, and says so in one line', async () => {
    const { chunks } = decodePmt(new Uint8Array(bytes));
    // The snapshot's records go out after the mark's flush, in chunks of their own
    // (no events): a SIGKILL while they are written leaves a torn chunk there.
    const first = chunks.find(
      (chunk) => chunk.events === 0 && chunk.firstEvent === snapshot!.eventIndex,
    );
    expect(first).toBeDefined();
    const killed = join(dir, 'killed.pmt');
    writeFileSync(killed, bytes.subarray(0, first!.offset + 40));
    const gc = await runCli(['gc', killed, '--mark', 's']);
    expect(gc.status).toBe(2);
    expect(gc.stderr.trim().split('\n').at(-1)).toBe(
      'pymem: mark "s" has no heap snapshot (heap snapshots: none)',
    );
    const replay = await runCli(['replay', killed, '--verify']);
    expect(replay.status, replay.stderr).toBe(0);
    expect(decodePmt(new Uint8Array(readFileSync(killed))).trace.length).toBe(snapshot!.eventIndex);
  });
});
