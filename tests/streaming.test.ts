/**
 * Recordings of any length in bounded memory: a sound `.pmt` is streamed — scanned
 * once for its notes and chunk index, then replayed a chunk of events at a time — and
 * `pymem replay`, `report`, `fragmentation`, `diff`, `stats` and `timeline` print
 * exactly what they print when the file is read whole (`--salvage` always reads
 * whole). Proven on the recorded
 * fixtures of CPython 3.8–3.13, on live recordings of every interpreter on the machine,
 * on a synthetic recording streamed to disk by `writeSyntheticPmt`, and on killed and
 * damaged files (which keep the whole reader's exact warnings and errors).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { liveInterpreterFor } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { Replayer, synthesizeTrace, writeSyntheticPmt } from '@pymem/runtime';
import {
  decodePmt,
  type EventWindow,
  type PmtByteSource,
  type StreamedTrace,
  scanPmt,
  type Trace,
  type TraceNotes,
} from '@pymem/tracing';
import { openStreamedPmt } from '@pymem/tracing/node';
import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-streaming-'));
const here = import.meta.dirname;

/** Bytes in memory as a byte source. */
function memorySource(bytes: Uint8Array): PmtByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** Writes a synthetic recording through writeSyntheticPmt; returns its path. */
function syntheticFile(name: string, options: Parameters<typeof writeSyntheticPmt>[0]): string {
  const path = join(scratch, name);
  const fd = openSync(path, 'w');
  try {
    writeSyntheticPmt(options, (bytes) => {
      writeSync(fd, bytes);
    });
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Every event of a streamed trace, concatenated back into columns. */
function gather(trace: StreamedTrace): Pick<Trace, 'op' | 'domain' | 'a' | 'b' | 'c' | 'site'> {
  const n = trace.length;
  const out = {
    op: new Uint8Array(n),
    domain: new Uint8Array(n),
    a: new Float64Array(n),
    b: new Float64Array(n),
    c: new Float64Array(n),
    site: new Int32Array(n),
  };
  let next = 0;
  const windows = trace.windows();
  for (let step = windows.next(); !step.done; step = windows.next()) {
    const { firstEvent, length, columns } = step.value;
    expect(firstEvent).toBe(next);
    for (const key of ['op', 'domain', 'a', 'b', 'c', 'site'] as const)
      out[key].set(columns[key].subarray(0, length) as never, firstEvent);
    next += length;
  }
  expect(next).toBe(n);
  return out;
}

/** The notes of a trace, as plain data. */
function notesOf(trace: TraceNotes) {
  return {
    header: trace.header,
    length: trace.length,
    marks: trace.marks,
    comments: trace.comments,
    gcCollections: trace.gcCollections,
    filenames: trace.filenames,
    tracebacks: trace.tracebacks,
    objectRecords: trace.objectRecords,
    collectorRecords: trace.collectorRecords,
    heapSnapshots: trace.heapSnapshots,
  };
}

function expectSameRecording(streamed: StreamedTrace, whole: Trace): void {
  expect(notesOf(streamed)).toEqual(notesOf(whole));
  const events = gather(streamed);
  for (const key of ['op', 'domain', 'a', 'b', 'c', 'site'] as const)
    expect(Buffer.from(events[key].buffer).equals(Buffer.from(whole[key].buffer)), key).toBe(true);
}

/** The command lines compared, streamed and whole, for a recording at `file`. */
function commands(file: string, marks: readonly string[]): string[][] {
  const some = marks.length > 0 ? ['--mark', marks[0]!] : ['--at', '100'];
  return [
    ['replay', file, '--verify'],
    ['report', file],
    ['replay', file, '--stats'],
    ['stats', file, ...some],
    ['timeline', file, '--json'],
    ['report', file, '--json'],
    ['fragmentation', file, ...some],
    ['diff', file, '--from', marks[0] ?? '100'],
    ['diff', file, '--from', '10', '--to', marks.at(-1) ?? '200', '--json', '--by', 'traceback'],
  ];
}

/**
 * Runs each command (the first `limit`) streamed and with --salvage (whole): the same
 * output, exit 0.
 */
async function expectSameOutput(
  file: string,
  marks: readonly string[],
  limit = Number.POSITIVE_INFINITY,
): Promise<void> {
  expect(openStreamedPmt(file), `${file} streams`).not.toBeNull();
  for (const argv of commands(file, marks).slice(0, limit)) {
    const streamed = await runCli(argv);
    const whole = await runCli([...argv, '--salvage']);
    expect(streamed.status, `${argv.join(' ')}: ${streamed.stderr}`).toBe(0);
    expect(streamed.stdout, argv.join(' ')).toBe(whole.stdout);
    expect(streamed.stderr, argv.join(' ')).toBe(whole.stderr);
  }
}

describe('writeSyntheticPmt', () => {
  it('writes, chunk by chunk, the recording synthesizeTrace makes', () => {
    const options = { events: 300_000, seed: 5, sites: 30 };
    const file = syntheticFile('synthetic-300k.pmt', options);
    const { trace, warnings, index, chunks } = decodePmt(readFileSync(file));
    expect(warnings).toEqual([]);
    expect(index).toBe('intact');
    expect(chunks.length).toBeGreaterThan(4);
    const made = synthesizeTrace(options);
    // A .pmt header always carries the version in its metadata too.
    expect(trace.header.metadata).toEqual({ python: made.header.python });
    expect({ ...notesOf(trace), header: null }).toEqual({ ...notesOf(made), header: null });
    for (const key of ['op', 'domain', 'a', 'b', 'c', 'site'] as const)
      expect(Buffer.from(trace[key].buffer).equals(Buffer.from(made[key].buffer)), key).toBe(true);
  });

  it('keeps at most maxLive blocks live', () => {
    const trace = synthesizeTrace({ events: 100_000, seed: 9, sites: 0, maxLive: 500 });
    const replayer = new Replayer(trace, { trackBlocks: true });
    let most = 0;
    for (let at = 1_000; at <= trace.length; at += 1_000) {
      replayer.runTo(at);
      most = Math.max(most, [...replayer.liveBlocks()].length);
    }
    expect(most).toBe(500);
  });
});

describe('a streamed .pmt', () => {
  const file = syntheticFile('synthetic-200k.pmt', { events: 200_000, seed: 3, sites: 12 });
  const bytes = new Uint8Array(readFileSync(file));

  it('holds the events and notes the whole reader reads, one chunk per window', () => {
    const scan = openStreamedPmt(file)!;
    const whole = decodePmt(bytes);
    expect(scan.warnings).toEqual([]);
    expect(scan.chunks).toEqual(whole.chunks);
    expect(scan.trace.hasArenaEvents).toBe(true);
    expectSameRecording(scan.trace, whole.trace);
    const windows: EventWindow[] = [];
    const iterator = scan.trace.windows();
    for (let step = iterator.next(); !step.done; step = iterator.next()) windows.push(step.value);
    expect(windows.map((window) => window.length)).toEqual(whole.chunks.map((c) => c.events));
  });

  it('of the recorded fixtures holds what the whole reader reads', () => {
    for (const version of ['3.8.18', '3.10.13', '3.13.0']) {
      const pmt = brotliDecompressSync(
        readFileSync(join(here, 'fixtures', version, 'mixed_sizes.pmt.br')),
      );
      const scan = scanPmt(memorySource(pmt))!;
      expect(scan, version).not.toBeNull();
      expectSameRecording(scan.trace, decodePmt(pmt).trace);
    }
  });

  it('of a killed recording warns as the whole reader does', () => {
    const { chunks } = decodePmt(bytes);
    const cuts = [
      chunks[3]!.offset, // no index
      chunks[3]!.offset + 10, // a torn chunk header
      chunks[3]!.offset + 200, // a torn chunk
      bytes.length - 5, // a torn index: read whole
    ];
    for (const cut of cuts) {
      const cutBytes = bytes.subarray(0, cut);
      const whole = decodePmt(cutBytes);
      const scan = scanPmt(memorySource(cutBytes));
      if (cut === bytes.length - 5) {
        expect(scan).toBeNull();
        continue;
      }
      expect(scan, `cut at ${cut}`).not.toBeNull();
      expect(scan!.warnings).toEqual(whole.warnings);
      expectSameRecording(scan!.trace, whole.trace);
    }
  });

  it('is either refused (read whole) or the same as read whole, whatever is cut or changed', () => {
    const small = new Uint8Array(
      readFileSync(syntheticFile('synthetic-3k.pmt', { events: 3_000, seed: 4, sites: 3 })),
    );
    const damage = fc.oneof(
      fc.nat(small.length - 1).map((length) => small.slice(0, length)),
      fc.tuple(fc.nat(small.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => {
        const changed = small.slice();
        changed[at]! ^= xor;
        return changed;
      }),
    );
    fc.assert(
      fc.property(damage, (changed) => {
        const scan = scanPmt(memorySource(changed));
        if (scan === null) return;
        const whole = decodePmt(changed);
        expect(scan.warnings).toEqual(whole.warnings);
        expectSameRecording(scan.trace, whole.trace);
      }),
      { numRuns: 150 },
    );
  });

  it('is not streamed when damaged: the command fails as before, in one line', async () => {
    const { chunks } = decodePmt(bytes);
    const damaged = bytes.slice();
    damaged[chunks[1]!.offset + 40]! ^= 0x10;
    const path = join(scratch, 'damaged.pmt');
    writeFileSync(path, damaged);
    expect(openStreamedPmt(path)).toBeNull();
    const result = await runCli(['report', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/chunk 1 is damaged: its payload checksum is 0x[0-9a-f]{8}/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('pymem replay, report, fragmentation, diff, stats and timeline: streamed = whole', () => {
  it.each(PROFILE_NAMES.filter((profile) => profile !== '3.14'))(
    'on the fixtures recorded with CPython %s',
    async (profile) => {
      for (const workload of ['arena_release']) {
        const version = ['3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0'].find((v) =>
          v.startsWith(`${profile}.`),
        )!;
        const pmt = brotliDecompressSync(
          readFileSync(join(here, 'fixtures', version, `${workload}.pmt.br`)),
        );
        const path = join(scratch, `${version}-${workload}.pmt`);
        writeFileSync(path, pmt);
        const { trace } = decodePmt(pmt);
        await expectSameOutput(
          path,
          trace.marks.map((mark) => mark.label),
        );
      }
    },
  );

  it('on a synthetic recording with sites', async () => {
    const path = syntheticFile('synthetic-sites.pmt', { events: 80_000, seed: 8, sites: 25 });
    await expectSameOutput(path, ['peak', 'churned', 'end']);
  });

  it('on a killed synthetic recording, warnings included', async () => {
    const whole = readFileSync(syntheticFile('synthetic-cut.pmt', { events: 90_000, seed: 2 }));
    const { chunks } = decodePmt(whole);
    const path = join(scratch, 'killed.pmt');
    writeFileSync(path, whole.subarray(0, chunks[1]!.offset + 1_000));
    const streamed = await runCli(['report', path]);
    expect(streamed.stderr).toMatch(/chunk at byte \d+ is torn/);
    await expectSameOutput(path, ['peak']);
  });

  it.each(PROFILE_NAMES.filter((profile) => profile !== '3.14'))(
    'on a live recording of CPython %s with sites',
    async (profile) => {
      const python = liveInterpreterFor(profile, 'streamed replay of a live .pmt recording');
      if (!python) return;
      const output = join(scratch, `live-${profile}.pmt`);
      const result = await record({
        interpreter: python,
        args: ['-I', '-S', join(here, 'workloads', 'mixed_sizes.py')],
        output,
        format: 'pmt',
        sites: 1,
        stdio: 'pipe',
      });
      expect(result.status, result.stderr).toBe(0);
      const { trace } = decodePmt(readFileSync(output));
      // Replayed exactly (--verify) and reported, streamed; the fixtures run every command.
      await expectSameOutput(
        output,
        trace.marks.map((mark) => mark.label).filter((label) => label !== ''),
        2,
      );
    },
  );
});

describe('a 5M-event recording', () => {
  it('replays streamed holding one chunk of events at a time, not the recording', () => {
    const path = syntheticFile('synthetic-5M.pmt', {
      events: 5_000_000,
      seed: 42,
      sites: 400,
      maxLive: 100_000,
    });
    const scan = openStreamedPmt(path)!;
    expect(scan.warnings).toEqual([]);
    // Sample the typed-array memory at every window: whole, the columns alone are
    // 34 bytes per event (170 MB); streamed, it is one chunk plus the model's state.
    const base = scan.trace;
    let largest = 0;
    let peakArrayBuffers = 0;
    const sampled: StreamedTrace = {
      ...base,
      windows: () => {
        const inner = base.windows();
        return {
          next: () => {
            const step = inner.next();
            if (!step.done) largest = Math.max(largest, step.value.length);
            peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
            return step;
          },
        };
      },
    };
    const before = process.memoryUsage().arrayBuffers;
    const replayer = new Replayer(sampled, { trackBlocks: true });
    replayer.runToEnd();
    expect(replayer.counts.events).toBe(5_000_000);
    expect(largest).toBeLessThanOrEqual(65_536 + 2);
    const grown = peakArrayBuffers - before;
    process.stderr.write(
      `streamed 5M-event replay: ${(grown / 2 ** 20).toFixed(1)} MiB more typed arrays at most\n`,
    );
    expect(grown, `${(grown / 2 ** 20).toFixed(0)} MiB of typed arrays`).toBeLessThan(64 * 2 ** 20);
  });
});
