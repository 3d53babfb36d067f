/**
 * A recorded model run (allocator, object and collector records, reference counts)
 * through the whole CLI: `pymem convert` both ways byte for byte, `pymem check` counting
 * the records, `pymem replay --verify` reproducing the allocator, and damaged copies
 * reported like any recording (the pmt-fuzz approach, on the extension records); and
 * the reference counts the refcount records carry (3.8 … 3.14) and the collector's
 * start and stop records (3.8 … 3.13), against real CPython.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_SCHEMAS } from '@pymem/cli';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { Collector, TestGraph } from '@pymem/gc';
import { createRuntime, TraceRecorder } from '@pymem/runtime';
import {
  decodePmt,
  encodePmtBytes,
  formatTextTrace,
  parseTextTrace,
  type Trace,
} from '@pymem/tracing';
import { PROFILES, type ProfileName, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  type CallbackEvent,
  COLLECTOR_FIXTURE,
  COLLECTOR_PROBE,
  type CollectorProbeResult,
  REFCOUNT_FIXTURE,
  REFCOUNT_PROBE,
  type RefcountProbeResult,
} from './scripts/record-model-trace-fixtures.ts';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-model-trace-'));

/** A model run on 3.12: containers, a free list, reference counts and one collection. */
function modelRun(): Trace {
  const graph = new TestGraph();
  const collector = new Collector({ profile: '3.12', graph });
  graph.attach(collector);
  const runtime = createRuntime({ profile: '3.12', objects: true, collector });
  const recorder = new TraceRecorder(runtime, { python: '3.12.1', refcounts: true });
  const heap = runtime.heap!;
  const keep = heap.newList();
  for (let i = 0; i < 300; i++) {
    const item = heap.newStr(`item ${i}`);
    const pair = heap.newTuple([item, item]);
    heap.listAppend(keep, pair);
    heap.decref(pair);
    heap.decref(item);
  }
  const a = graph.newObject('list');
  const b = graph.newObject('list');
  graph.addReference(a, b);
  graph.addReference(b, a);
  graph.decref(a);
  graph.decref(b);
  collector.collect(2);
  heap.decref(keep);
  return recorder.stop();
}

const trace = modelRun();
const text = [...formatTextTrace(trace)].join('');
const textPath = join(scratch, 'model.pymem.txt');
writeFileSync(textPath, text);

describe('a model run through the CLI', () => {
  it('converts text → .pmt → text byte for byte, and replays exactly', async () => {
    expect(trace.objectRecords.length).toBeGreaterThan(2000);
    expect(trace.collectorRecords.length).toBeGreaterThan(3);
    const pmtPath = join(scratch, 'model.pmt');
    const toBinary = await runCli(['convert', textPath, '--to', 'binary', '-o', pmtPath]);
    expect(toBinary).toMatchObject({ status: 0 });
    const backPath = join(scratch, 'back.pymem.txt');
    const toText = await runCli(['convert', pmtPath, '--to', 'text', '-o', backPath]);
    expect(toText).toMatchObject({ status: 0 });
    expect(readFileSync(backPath, 'utf8')).toBe(text);
    const file = decodePmt(new Uint8Array(readFileSync(pmtPath)));
    expect(file.warnings).toEqual([]);
    expect(file.trace.objectRecords).toEqual(trace.objectRecords);
    for (const path of [pmtPath, textPath]) {
      const replay = await runCli(['replay', '--verify', path]);
      expect(replay.stderr).toBe('');
      expect(replay.status).toBe(0);
    }
  });

  it('pymem check counts the object and collector records', async () => {
    const pmtPath = join(scratch, 'checked.pmt');
    writeFileSync(pmtPath, encodePmtBytes(trace));
    const result = await runCli(['check', pmtPath]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const objects = trace.objectRecords.length.toLocaleString('en-US');
    const collector = trace.collectorRecords.length;
    expect(result.stdout).toContain(
      `model       ${objects} object records, ${collector} collector records`,
    );
    expect(result.stdout).not.toMatch(/skipped/);
    const json = await runCli(['check', '--json', textPath]);
    const summary = JSON.parse(json.stdout);
    expect(JSON_SCHEMAS.check!.parse(summary)).toEqual(summary);
    expect(summary.modelRecords).toEqual({
      objects: trace.objectRecords.length,
      collector,
    });
  });

  it('reports each of 300 single-byte flips in the chunks with exit 2 and one line', async () => {
    const original = encodePmtBytes(trace, { eventsPerChunk: 256 });
    const layout = decodePmt(original);
    const start = layout.chunks[0]!.offset;
    const end = layout.chunks.at(-1)!.offset;
    let state = 20261203;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state;
    };
    for (let k = 0; k < 300; k++) {
      const at = start + (random() % (end - start));
      const damaged = original.slice();
      damaged[at]! ^= 1 + (random() % 255);
      const path = join(scratch, `damaged-${k}.pmt`);
      writeFileSync(path, damaged);
      const result = await runCli(['check', path]);
      expect(result.status, `flip at byte ${at}: ${result.stderr}`).toBe(2);
      for (const line of result.stderr.trimEnd().split('\n')) expect(line).toMatch(/^pymem: /);
      expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
    }
  }, 120_000);
});

/**
 * refcount_probe.py's steps on the model, recorded with refcount records; the count
 * after each step is read back from the written trace (the last `o incref`/`o decref`
 * of the str so far, 1 before any), as `sys.getrefcount` reports it: one more for the
 * call's own reference before 3.14, which borrows it.
 */
function modelTrajectory(profile: ProfileName): number[] {
  const runtime = createRuntime({ profile, objects: true });
  const recorder = new TraceRecorder(runtime, { refcounts: true });
  const heap = runtime.heap!;
  const s = heap.newStr('hello world');
  let changes = 0;
  const stop = runtime.events.subscribe('refcounts', (event) => {
    if (event.handle === s) changes++;
  });
  const seen: number[] = [changes];
  const l = heap.newList([s]);
  seen.push(changes);
  heap.listAppend(l, s);
  seen.push(changes);
  const t = heap.newTuple([s, s]);
  seen.push(changes);
  const d = heap.newDict();
  const key = heap.newStr('key');
  heap.dictSetItem(d, key, s);
  heap.decref(key);
  seen.push(changes);
  for (const dropped of [l, t, d]) {
    heap.decref(dropped);
    seen.push(changes);
  }
  stop();
  const written = parseTextTrace([...formatTextTrace(recorder.stop())].join(''));
  const counts = written.objectRecords.flatMap((record) =>
    (record.kind === 'incref' || record.kind === 'decref') && record.handle === s
      ? [record.refcnt]
      : [],
  );
  const call = profile === '3.14' ? 0 : 1;
  return seen.map((n) => (n === 0 ? 1 : counts[n - 1]!) + call);
}

describe('refcount records against real CPython', () => {
  const fixture = JSON.parse(readFileSync(REFCOUNT_FIXTURE, 'utf8')) as Record<string, number[]>;

  it('carry the counts the recorded interpreters reported (fixture, 3.8 … 3.14)', () => {
    for (const profile of [...RECORDED_PROFILE_NAMES, '3.14'] as ProfileName[]) {
      const release =
        profile === '3.14'
          ? Object.keys(fixture).find((version) => version.startsWith('3.14.'))!
          : PROFILES[profile].referenceRelease;
      expect(modelTrajectory(profile), profile).toEqual(fixture[release]);
    }
  });

  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'refcount records');
    it.skipIf(!interpreter)(`carry the counts a fresh run of CPython ${profile} reports`, () => {
      const truth = runProbe<RefcountProbeResult>(interpreter!.path, REFCOUNT_PROBE);
      expect(modelTrajectory(profile)).toEqual(truth.counts);
    });
  }

  it('carry the counts a fresh run of Pyodide (CPython 3.14) reports', async (context) => {
    const { runInPyodide } = await import('./scripts/pyodide-probe.ts');
    const truth = await runInPyodide<RefcountProbeResult>(REFCOUNT_PROBE, {}, 'probe()');
    if (truth === null) return context.skip(); // announced loudly by runInPyodide
    expect(truth.version.startsWith('3.14.')).toBe(true);
    expect(modelTrajectory('3.14')).toEqual(truth.counts);
  });
});

/**
 * collector_records_probe.py's graph on the model's collector, recorded; the start and
 * stop records read back from the written trace in gc.callbacks' shape. Also checks
 * that the full collection's move-unreachable phase named exactly the garbage.
 */
function modelCallbacks(profile: ProfileName): CallbackEvent[] {
  const graph = new TestGraph();
  const collector = new Collector({ profile, graph });
  graph.attach(collector);
  collector.enabled = false;
  const runtime = createRuntime({ profile, collector });
  const recorder = new TraceRecorder(runtime);
  const a = graph.newObject('list');
  const b = graph.newObject('list');
  graph.addReference(b, a);
  graph.addReference(a, b);
  const d = graph.newObject('dict');
  graph.addReference(d, d);
  const keep = graph.newObject('list');
  graph.addReference(keep, keep);
  for (const dropped of [a, b, d]) graph.decref(dropped);
  collector.collect(2);
  collector.collect(0);
  const written = parseTextTrace([...formatTextTrace(recorder.stop())].join(''));
  const unreachable = written.collectorRecords.find(
    (record) => record.kind === 'phase' && record.phase === 'move-unreachable',
  );
  expect(unreachable).toMatchObject({ generation: 2 });
  expect(unreachable?.kind === 'phase' && [...unreachable.objects].sort()).toEqual(
    [a, b, d].sort(),
  );
  return written.collectorRecords.flatMap((record): CallbackEvent[] =>
    record.kind === 'start'
      ? [['start', record.generation, 0, 0]]
      : record.kind === 'stop'
        ? [['stop', record.generation, record.collected, record.uncollectable]]
        : [],
  );
}

describe('collector records against real CPython', () => {
  const fixture = JSON.parse(readFileSync(COLLECTOR_FIXTURE, 'utf8')) as Record<
    string,
    CallbackEvent[]
  >;

  it('start and stop as gc.callbacks did in the recorded interpreters (fixture, 3.8 … 3.13)', () => {
    for (const profile of RECORDED_PROFILE_NAMES)
      expect(modelCallbacks(profile), profile).toEqual(fixture[PROFILES[profile].referenceRelease]);
  });

  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'collector records');
    it.skipIf(!interpreter)(`start and stop as gc.callbacks does in CPython ${profile}`, () => {
      const truth = runProbe<CollectorProbeResult>(interpreter!.path, COLLECTOR_PROBE);
      expect(modelCallbacks(profile)).toEqual(truth.events);
    });
  }
});
