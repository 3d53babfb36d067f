/** Seeking with checkpoints lands in exactly the state a straight replay reaches. */
import { Replayer, TraceSeeker } from '@pymem/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from './support/fixtures.ts';

describe('TraceSeeker', () => {
  const trace = readFixture(
    listFixtures().find((f) => f.version === '3.9.18' && f.workload === 'arena_release')!.path,
  );

  it('reaches any event index, in any order, in the state of a straight replay', () => {
    const seeker = new TraceSeeker(trace, { interval: 7_000 });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: trace.length }), { minLength: 1, maxLength: 6 }),
        (targets) => {
          for (const target of targets) {
            const seeked = seeker.seek(target);
            const straight = new Replayer(trace);
            straight.runTo(target);
            expect(seeked.position).toBe(target);
            expect(seeked.statsText()).toBe(straight.statsText());
            expect(seeked.model.getAllocatedBlocks()).toBe(straight.model.getAllocatedBlocks());
          }
        },
      ),
      { seed: 11, numRuns: 8 },
    );
  });

  it('replays on to the same end state after seeking back', () => {
    const seeker = new TraceSeeker(trace, { interval: 10_000 });
    seeker.seek(trace.length);
    const replayer = seeker.seek(12_345);
    replayer.runToEnd();
    const fresh = new Replayer(trace);
    fresh.runToEnd();
    expect(replayer.statsText()).toBe(fresh.statsText());
  });
});
