import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from '../errors.ts';
import { parseTextTrace } from '../text-reader.ts';
import { formatTextTrace } from '../text-writer.ts';
import { decodePmt } from './pmt-reader.ts';
import { encodePmtBytes } from './pmt-writer.ts';

const SAMPLE = `pymem-trace 1
python 3.12.1
# argv prog.py
N 0 /app/main.py
T 0 2 0:7
A 1048576 7f0000001000
m obj 24 7f0000004030 @0
c mem 600 55550000a018
G 2 40 0 123456
r obj 7f0000004030 100 7f0000008030 @0
S after
| Small block threshold = 512, in 32 size classes.
|
t /app/main.py:7: size=100 B, count=1, average=100 B
f obj 7f0000008030
S
F 7f0000001000 1048576
m raw 0 0
`;

const text = (trace: Parameters<typeof formatTextTrace>[0]) => [...formatTextTrace(trace)].join('');

describe('the .pmt binary format', () => {
  it('round-trips text → binary → text byte for byte, whatever the chunk size', () => {
    for (const eventsPerChunk of [1, 2, 3, 65_536]) {
      const bytes = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk });
      const file = decodePmt(bytes);
      expect(file.warnings).toEqual([]);
      expect(text(file.trace)).toBe(SAMPLE);
    }
  });

  it('keeps every complete chunk of a torn file and says so', () => {
    const bytes = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 2 });
    const full = decodePmt(bytes);
    const lastChunk = full.chunks[full.chunks.length - 1]!;
    const torn = decodePmt(bytes.slice(0, lastChunk.offset + 21));
    expect(torn.trace.length).toBe(lastChunk.firstEvent);
    expect(torn.warnings.join('\n')).toMatch(/torn/);
    expect(torn.warnings.join('\n')).toMatch(/no index/);
  });

  it('never throws anything but TraceFormatError on random or damaged bytes', () => {
    const good = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 3 });
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }))
        .map(([at, value]) => {
          const copy = good.slice();
          copy[at] = value;
          return copy;
        }),
    );
    fc.assert(
      fc.property(damaged, (bytes) => {
        try {
          decodePmt(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
          expect((error as Error).message).toMatch(/^byte \d+: /);
        }
      }),
      { seed: 3, numRuns: 3000 },
    );
  });
});
