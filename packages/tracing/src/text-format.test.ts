import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from './errors.ts';
import { parseTextTrace, TextTraceParser } from './text-reader.ts';
import { formatTextTrace } from './text-writer.ts';
import { Domain, Op } from './trace.ts';

const SAMPLE = `pymem-trace 1
python 3.12.1
# argv prog.py
A 1048576 7f0000001000
m obj 24 7f0000004030
c mem 600 55550000a010
r obj 7f0000004030 100 7f0000008030
S after
| Small block threshold = 512, in 32 size classes.
|
| Total = 1
f obj 7f0000008030
S
F 7f0000001000 1048576
m raw 0 0
E 7
`;

describe('the text trace format', () => {
  it('reads every record kind into columns', () => {
    const trace = parseTextTrace(SAMPLE);
    expect(trace.header).toMatchObject({ formatVersion: 1, python: '3.12.1' });
    expect(trace.comments).toEqual([{ eventIndex: 0, text: ' argv prog.py', seq: 0 }]);
    expect(trace.length).toBe(7);
    expect([...trace.op]).toEqual([
      Op.arenaAlloc,
      Op.malloc,
      Op.calloc,
      Op.realloc,
      Op.free,
      Op.arenaFree,
      Op.malloc,
    ]);
    expect([...trace.domain.slice(1, 4)]).toEqual([Domain.obj, Domain.mem, Domain.obj]);
    expect(trace.a[3]).toBe(0x7f0000004030);
    expect(trace.b[3]).toBe(100);
    expect(trace.c[3]).toBe(0x7f0000008030);
    expect(trace.marks).toEqual([
      {
        eventIndex: 4,
        label: 'after',
        stats: 'Small block threshold = 512, in 32 size classes.\n\nTotal = 1\n',
        tracemalloc: '',
        line: 8,
        seq: 1,
      },
      { eventIndex: 5, label: '', stats: '', tracemalloc: '', line: 13, seq: 2 },
    ]);
    expect(trace.line[4]).toBe(12);
  });

  it('reads and writes sites, GC collections and tracemalloc lines', () => {
    const text = `pymem-trace 1
python 3.11.7
N 0 /app/main.py
N 1 /app/with space\\\\and\\nnewline.py
T 0 3 0:12 1:4
m obj 24 10 @0
G 0 12 0 15300
c mem 48 20
r obj 10 100 30 @0
S x
| stats
t /app/main.py:12: size=100 B, count=1, average=100 B
E 3
`;
    const trace = parseTextTrace(text);
    expect(trace.filenames.map((f) => f.filename)).toEqual([
      '/app/main.py',
      '/app/with space\\and\nnewline.py',
    ]);
    expect(trace.tracebacks[0]).toMatchObject({
      id: 0,
      totalFrames: 3,
      frames: [
        { filename: 0, lineno: 12 },
        { filename: 1, lineno: 4 },
      ],
    });
    expect([...trace.site]).toEqual([0, -1, 0]);
    expect(trace.gcCollections[0]).toMatchObject({
      eventIndex: 1,
      generation: 0,
      collected: 12,
      uncollectable: 0,
      durationNs: 15300,
    });
    expect(trace.marks[0]!.tracemalloc).toBe(
      '/app/main.py:12: size=100 B, count=1, average=100 B\n',
    );
    expect([...formatTextTrace(trace)].join('')).toBe(text);
    expect(() => parseTextTrace('pymem-trace 1\npython 3.11.7\nm obj 24 10 @0\n')).toThrow(
      /line 3: site @0 names no traceback/,
    );
    expect(() => parseTextTrace('pymem-trace 1\npython 3.11.7\nN 1 a.py\n')).toThrow(
      /line 3: file name id 1 out of order/,
    );
  });

  it('ends with the end record, and warns when a file has none', () => {
    const parser = new TextTraceParser();
    parser.push(SAMPLE);
    parser.finish();
    expect(parser.ended).toBe(true);
    expect(parser.warnings).toEqual([]);
    const cut = new TextTraceParser();
    cut.push(SAMPLE.slice(0, SAMPLE.indexOf('F 7f')));
    expect(cut.finish().length).toBe(5);
    expect(cut.ended).toBe(false);
    expect(cut.warnings).toEqual([
      'no end record ("E") after 5 events: the recording may have been cut short (or was written before pymem wrote end records)',
    ]);
    expect(() => parseTextTrace(`${SAMPLE.replace('E 7', 'E 8')}`)).toThrow(
      /line 16: the end record says 8 events, but 7 were read/,
    );
    expect(() => parseTextTrace(`${SAMPLE}f obj 10\n`)).toThrow(
      /line 17: a record after the end record "E" \(line 16\)/,
    );
  });

  it('calls binary data binary, quoting none of it', () => {
    expect(() => parseTextTrace('\u0089\ufffd\u0001PNG junk\n')).toThrow(
      /^line 1: binary data, neither a \.pmt file nor a text trace/,
    );
  });

  it('never quotes raw bytes in an error', () => {
    expect(() => parseTextTrace('pymem-trace 1\npython 3.12.1\n\u0001\u00ff\u2603x\n')).toThrow(
      'line 3: unknown record "\\x01\\xff\\u2603x"',
    );
  });

  it('writes back exactly what it read', () => {
    expect([...formatTextTrace(parseTextTrace(SAMPLE))].join('')).toBe(SAMPLE);
  });

  it('reads the same trace whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: SAMPLE.length }), { maxLength: 8 }),
        (cuts) => {
          const parser = new TextTraceParser();
          const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), SAMPLE.length];
          for (let i = 1; i < points.length; i++)
            parser.push(SAMPLE.slice(points[i - 1], points[i]));
          expect([...formatTextTrace(parser.finish())].join('')).toBe(SAMPLE);
        },
      ),
      { seed: 1 },
    );
  });

  it.each([
    ['', 1, /empty file/],
    ['pymem-trace 2\n', 1, /expected "pymem-trace 1"/],
    ['pymem-trace 1\npython\n', 2, /expected "python <version>"/],
    ['pymem-trace 1\n', 2, /missing "python <version>"/],
    ['pymem-trace 1\npython 3.9.1\nx 1 2\n', 3, /unknown record "x 1 2"/],
    ['pymem-trace 1\npython 3.9.1\nm obj 24\n', 3, /expected "m <domain> <size> <ptr>"/],
    ['pymem-trace 1\npython 3.9.1\nm heap 24 10\n', 3, /unknown domain "heap"/],
    ['pymem-trace 1\npython 3.9.1\nm obj 24 0x10\n', 3, /bad address "0x10"/],
    ['pymem-trace 1\npython 3.9.1\nm obj 24 ABC\n', 3, /bad address/],
    ['pymem-trace 1\npython 3.9.1\nm obj -1 10\n', 3, /bad size "-1"/],
    ['pymem-trace 1\npython 3.9.1\n| stray\n', 3, /outside a mark/],
    ['pymem-trace 1\npython 3.9.1\n\nf obj 10\n', 3, /empty line/],
  ])('rejects malformed input with the line: %j', (text, line, message) => {
    let error: unknown;
    try {
      parseTextTrace(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as TraceFormatError).line).toBe(line);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('never throws anything but TraceFormatError on random or truncated input', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 0, max: SAMPLE.length }).map((n) => SAMPLE.slice(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: SAMPLE.length - 1 }), fc.string({ maxLength: 3 }))
        .map(([at, junk]) => SAMPLE.slice(0, at) + junk + SAMPLE.slice(at + 1)),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          parseTextTrace(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
        }
      }),
      { seed: 2, numRuns: 2000 },
    );
  });
});
