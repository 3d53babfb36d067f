import { parseTextTrace, TraceFormatError } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { ReplayDivergence } from './errors.ts';
import { Replayer } from './replay.ts';

const header = 'pymem-trace 1\npython 3.11.7\n';

describe('Replayer', () => {
  it('takes arena addresses from the recording and checks them', () => {
    const trace = parseTextTrace(
      `${header}A 16384 7f00000f0000\nA 1048576 7f0000101000\nm obj 16 7f0000104030\nm obj 16 7f0000104040\nf obj 7f0000104030\n`,
    );
    const replayer = new Replayer(trace, { verify: true });
    replayer.runToEnd();
    expect(replayer.addressMode).toBe('recorded');
    expect(replayer.counts).toMatchObject({ events: 5, pointersChecked: 2, virtualAllocations: 1 });
    expect(replayer.model.getAllocatedBlocks()).toBe(1);
  });

  it('reports an arena CPython allocated that the model did not need', () => {
    const trace = parseTextTrace(
      `${header}A 1048576 7f0000101000\nm obj 16 7f0000104030\nA 1048576 7f0000201000\nm obj 16 7f0000104040\n`,
    );
    expect(() => new Replayer(trace, { verify: true }).runToEnd()).toThrow(
      /line 5: arena allocation: CPython allocated an arena at 0x7f0000201000, model needed none/,
    );
  });

  it('replays without arena events on the address model, translating pointers', () => {
    const trace = parseTextTrace(
      `${header}m obj 16 1000\nm obj 700 2000\nr obj 1000 20 3000\nf obj 3000\nf obj 2000\n`,
    );
    const replayer = new Replayer(trace);
    replayer.runToEnd();
    expect(replayer.addressMode).toBe('modelled');
    expect(replayer.model.getAllocatedBlocks()).toBe(0);
    expect(() => new Replayer(trace, { verify: true }).runToEnd()).toThrow(ReplayDivergence);
  });

  it('calls a free of something never allocated bad input, with its line', () => {
    const trace = parseTextTrace(`${header}f obj 1234\n`);
    expect(() => new Replayer(trace).runToEnd()).toThrow(TraceFormatError);
    expect(() => new Replayer(trace).runToEnd()).toThrow(/^line 3: /);
  });

  it('publishes every allocator decision on the bus to each subscriber, and nothing when none listens', () => {
    const trace = parseTextTrace(
      `${header}A 1048576 7f0000101000\nm obj 16 7f0000104030\nf obj 7f0000104030\n`,
    );
    const replayer = new Replayer(trace, { verify: true });
    expect(replayer.model.hook).toBeNull();
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = replayer.events.subscribe('obmalloc', (event) => first.push(event.type));
    const stopSecond = replayer.events.subscribe('obmalloc', (event) => second.push(event.type));
    replayer.runTo(2);
    stopFirst();
    replayer.runToEnd();
    expect(first).toEqual(['arena-new', 'pool-init', 'block-alloc']);
    expect(second).toEqual([...first, 'block-free', 'pool-empty']);
    stopSecond();
    expect(replayer.model.hook).toBeNull();
  });
});
