/**
 * `pymem check`: a recording killed with SIGKILL mid-run (the C recorder writing
 * `.pmt` version 2), the committed version 1 fixtures, and text traces.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_SCHEMAS } from '@pymem/cli';
import { liveInterpreterFor } from '@pymem/cpython';
import { decodePmt } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixtureText } from './support/fixtures.ts';
import { recordKilled } from './support/killed-recording.ts';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-check-'));

describe('pymem check on a recording killed with SIGKILL', () => {
  const python = liveInterpreterFor('3.12', 'pymem check of a SIGKILL recording');
  it.skipIf(!python)(
    'names the cut-off end and the number of complete events, and exits 0',
    async () => {
      const output = join(scratch, 'killed.pmt');
      await recordKilled(python!, output);

      const bytes = readFileSync(output);
      const file = decodePmt(bytes);
      expect(file.version).toBe(2);
      expect(file.index).toBe('missing');
      const events = file.trace.length;
      expect(events).toBeGreaterThan(65_536);

      const killed = await runCli(['check', output]);
      expect(killed.status).toBe(0);
      expect(killed.stderr).toMatch(/^pymem: warning: .*killed\.pmt: the file has no index/m);
      expect(killed.stdout).toMatch(/checksums +\d+ verified, 0 failed/);
      // The recorder writes each chunk in one write(2): a kill between two writes
      // leaves whole chunks, or (killed inside a write) a torn last one.
      if (file.torn === null) {
        expect(killed.stdout).toContain(
          `no index: the recording was cut off after its last complete chunk (${events.toLocaleString('en-US')} complete events)`,
        );
      } else {
        expect(killed.stdout).toContain(
          `a chunk cut off mid-write; ${file.torn.completeEvents.toLocaleString('en-US')} complete events before it`,
        );
      }
      expect(killed.stdout).toMatch(
        /ok: every complete event is intact \(the recording was cut short\)/,
      );

      // The same recording as if the kill had landed inside its last chunk's write(2).
      const last = file.chunks.at(-1)!;
      const torn = join(scratch, 'killed-mid-write.pmt');
      writeFileSync(torn, bytes.subarray(0, last.offset + 1000));
      const cut = await runCli(['check', torn, '--json']);
      expect(cut.status).toBe(0);
      const summary = JSON.parse(cut.stdout);
      expect(JSON_SCHEMAS.check!.parse(summary)).toEqual(summary);
      expect(summary.tornTail).toEqual({
        offset: last.offset,
        bytes: 1000,
        completeEvents: last.firstEvent,
      });
      expect(summary).toMatchObject({ ok: true, index: 'missing', events: last.firstEvent });
      const text = await runCli(['check', torn]);
      expect(text.stdout).toContain(
        `1,000 bytes from byte ${last.offset.toLocaleString('en-US')}: a chunk cut off mid-write; ${last.firstEvent.toLocaleString('en-US')} complete events before it`,
      );
      expect(text.stderr).toMatch(
        new RegExp(`^pymem: warning: .*: chunk at byte ${last.offset} is torn`, 'm'),
      );
    },
  );
});

describe('pymem check on other recordings', () => {
  it('checks a committed version 1 fixture: structure only, no checksums', async () => {
    const result = await runCli(['check', fixturePath('3.12.1', 'gc_cycles'), '--json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(JSON_SCHEMAS.check!.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      format: 'pmt',
      version: 1,
      ok: true,
      checksums: null,
      index: 'intact',
      tornTail: null,
      damage: [],
      marks: { count: 4, problems: [] },
    });
  });

  it('checks a text trace: its marks, and names a mark whose statistics do not add up', async () => {
    const text = readFixtureText(fixturePath('3.12.1', 'mixed_sizes'));
    const good = join(scratch, 'mixed.pymem.txt');
    writeFileSync(good, text);
    const result = await runCli(['check', good]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/format +text, CPython 3\.12\.1\n/);
    expect(result.stdout).toMatch(/marks +3, every statistics block consistent/);
    // A changed digit in a mark's size-class table (text has no checksum to catch it).
    const bad = join(scratch, 'mixed-bad.pymem.txt');
    writeFileSync(
      bad,
      text.replace(
        /^(\| +3 +64 +\d+ +)(\d)/m,
        (_, head, digit) => `${head}${(Number(digit) + 1) % 10}`,
      ),
    );
    const damaged = await runCli(['check', bad]);
    expect(damaged.status).toBe(2);
    expect(damaged.stdout).toMatch(/the size classes hold \d+ bytes in blocks, the total says \d+/);
    expect(damaged.stderr).toMatch(
      /^pymem: .*mixed-bad\.pymem\.txt is damaged: 1 mark with inconsistent statistics/,
    );
  });

  it('stops at a malformed text trace with one line naming the line', async () => {
    const bad = join(scratch, 'bad.pymem.txt');
    writeFileSync(bad, 'pymem-trace 1\npython 3.12.1\nm obj 24\n');
    const result = await runCli(['check', bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pymem: line 3: /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
