/** The `pymem` command line on real recordings: output, exit codes and error lines. */
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJsonDocs, JSON_SCHEMAS, main } from '@pymem/cli';
import { liveInterpreterFor } from '@pymem/cpython';
import { parseTextTrace } from '@pymem/tracing';
import { PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixtureText } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-cli-'));
const fixture = listFixtures().find((f) => f.version === '3.12.1' && f.workload === 'mixed_sizes')!;
const traceText = readFixtureText(fixture.path);
const tracePath = join(scratch, 'mixed.pymem.txt');
writeFileSync(tracePath, traceText);
// The same recording cut right after its last mark: the model's final state is then
// the instant CPython printed those statistics.
const cutText =
  traceText.slice(0, traceText.lastIndexOf('\n|') + 1) +
  traceText.slice(traceText.lastIndexOf('\n|') + 1).split('\n')[0] +
  '\n';
const cutPath = join(scratch, 'mixed-cut.pymem.txt');
writeFileSync(cutPath, cutText);

/** A port nobody listens on right now (the OS's pick, released again). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function expectOneLineError(
  result: { status: number; stdout: string; stderr: string },
  status: number,
  pattern: RegExp,
) {
  expect(result.status).toBe(status);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('pymem versions', () => {
  it('lists all seven profiles and how each is verified', async () => {
    const { status, stdout } = await runCli(['versions']);
    expect(status).toBe(0);
    for (const name of PROFILE_NAMES)
      expect(stdout).toMatch(new RegExp(`^${name.replace('.', '\\.')} `, 'm'));
    expect(stdout).toMatch(/^3\.14 +3\.14\.7 +source only/m);
  });

  it('prints valid JSON with --json', async () => {
    const { status, stdout } = await runCli(['versions', '--json']);
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.profiles.map((p: { name: string }) => p.name)).toEqual(PROFILE_NAMES);
    for (const profile of parsed.profiles) {
      expect(['live + fixtures', 'fixtures', 'source only']).toContain(profile.verifiedBy);
      if (profile.verifiedBy === 'live + fixtures')
        expect(profile.interpreters.length).toBeGreaterThan(0);
    }
  });

  it('finds the interpreters of this machine', async () => {
    const parsed = JSON.parse((await runCli(['versions', '--json'])).stdout);
    for (const profile of parsed.profiles.filter(
      (p: { verification: string }) => p.verification === 'recorded',
    )) {
      const live = liveInterpreterFor(profile.name, 'pymem versions');
      expect(profile.verifiedBy).toBe(live ? 'live + fixtures' : 'fixtures');
    }
  });

  it('shows only the profile --python names', async () => {
    const { status, stdout } = await runCli(['versions', '--python', '3.11']);
    expect(status).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^3\.\d+ /.test(line));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3\.11 +3\.11\.7 /);
    const parsed = JSON.parse((await runCli(['--python', '3.14', 'versions', '--json'])).stdout);
    expect(parsed.profiles.map((p: { name: string }) => p.name)).toEqual(['3.14']);
    JSON_SCHEMAS.versions!.parse(parsed);
  });

  it('rejects an unsupported --python with one line naming the supported versions', async () => {
    expectOneLineError(
      await runCli(['--python', '2.7', 'versions']),
      2,
      /^pymem: CPython 2\.7 is not supported; supported CPython versions are 3\.8, 3\.9, 3\.10, 3\.11, 3\.12, 3\.13, 3\.14\n$/,
    );
  });
});

describe('pymem replay', () => {
  it('prints exactly CPython pymalloc block with --stats', async () => {
    const { status, stdout, stderr } = await runCli(['replay', cutPath, '--stats']);
    expect(status).toBe(0);
    const trace = parseTextTrace(cutText);
    const last = trace.marks[trace.marks.length - 1]!;
    expect(last.eventIndex).toBe(trace.length);
    expect(stdout).toBe(last.stats);
    // The file was cut after its last mark, so it lacks the end record: one warning.
    expect(stderr).toMatch(/^pymem: warning: \S+: no end record \("E"\) after [\d,]+ events/);
    expect(stderr).toMatch(/\nreplayed [\d,]+ events of CPython 3\.12\.1 \(profile 3\.12\)/);
  });

  it('puts what it warned about in --json too', async () => {
    const { status, stdout } = await runCli(['stats', cutPath, '--json']);
    expect(status).toBe(0);
    const parsed = JSON_SCHEMAS.stats!.parse(JSON.parse(stdout)) as { warnings: string[] };
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/^no end record \("E"\) after [\d,]+ events/);
  });

  it('verifies a recording and says what it checked', async () => {
    const { status, stdout } = await runCli(['replay', tracePath, '--verify']);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /verified: [\d,]+ pointers, every arena, and \d+ marks of statistics match CPython exactly/,
    );
  });

  it('exits 3 at the first divergence, naming the line and both values', async () => {
    const lines = traceText.split('\n');
    const target = lines.findIndex((line, i) => i > 1000 && line.startsWith('m obj '));
    lines[target] = lines[target]!.replace(/ [0-9a-f]+$/, ' 10');
    const bad = join(scratch, 'diverged.pymem.txt');
    writeFileSync(bad, lines.join('\n'));
    expectOneLineError(
      await runCli(['replay', bad, '--verify']),
      3,
      new RegExp(
        `^pymem: line ${target + 1}: a different pointer: CPython 0x10, model 0x[0-9a-f]+\\n$`,
      ),
    );
  });

  it('rejects bad input with exit 2 and one line', async () => {
    const empty = join(scratch, 'empty.txt');
    writeFileSync(empty, '');
    const noise = join(scratch, 'noise.bin');
    writeFileSync(noise, Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)));
    const unknown = join(scratch, 'unknown.txt');
    writeFileSync(unknown, 'pymem-trace 1\npython 3.11.7\nm obj 16 10\nz what\n');
    expectOneLineError(
      await runCli(['replay', join(scratch, 'missing.txt')]),
      2,
      /^pymem: .*missing\.txt: no such file\n$/,
    );
    expectOneLineError(
      await runCli(['replay', empty]),
      2,
      /^pymem: \S+empty\.txt: empty file \(0 bytes\): not a recording\n$/,
    );
    expectOneLineError(
      await runCli(['replay', noise]),
      2,
      /^pymem: line 1: binary data, neither a \.pmt file nor a text trace/,
    );
    expectOneLineError(
      await runCli(['replay', unknown]),
      2,
      /^pymem: line 4: unknown record "z what"/,
    );
    expectOneLineError(await runCli(['replay', tracePath, '--python', '3.7']), 2, /not supported/);
  });

  it('answers an unknown flag as a usage error', async () => {
    expectOneLineError(
      await runCli(['replay', tracePath, '--bogus']),
      1,
      /^pymem: unknown option '--bogus'/,
    );
    // A bare word is a file for the default command (report).
    expectOneLineError(await runCli(['frobnicate']), 2, /^pymem: frobnicate: no such file/);
  });
});

describe('pymem record', () => {
  it('refuses a non-CPython or unsupported --python with one line', async () => {
    expectOneLineError(
      await runCli(['record', '--python', '/bin/true', '-c', 'pass']),
      4,
      /\/bin\/true is not a runnable CPython interpreter/,
    );
    expectOneLineError(
      await runCli(['record', '--python', '3.14', '-c', 'pass']),
      4,
      /no CPython 3\.14 interpreter/,
    );
    expectOneLineError(
      await runCli(['record', '--python', '2.7', '-c', 'pass']),
      2,
      /not supported/,
    );
  });

  it('never overwrites an existing file', async () => {
    expectOneLineError(
      await runCli(['record', '-o', tracePath, '-c', 'pass']),
      2,
      /exists already/,
    );
  });

  const python = liveInterpreterFor('3.10', 'pymem record end to end');
  it.skipIf(!python)(
    'records a program that marks and calls os._exit, and the recording verifies',
    async () => {
      const script = join(scratch, 'never-seen.py');
      writeFileSync(
        script,
        'import os, pymem_record\nx = [str(i) * 7 for i in range(20000)]\npymem_record.mark("made")\ndel x[::3]\npymem_record.mark("thinned")\nos._exit(0)\n',
      );
      const output = join(scratch, 'never-seen.pymem.txt');
      const recorded = await runCli(['record', '--python', python!.path, '-o', output, script]);
      expect(recorded.status).toBe(0);
      expect(recorded.stderr).toMatch(/recorded CPython 3\.10\.\d+ to/);
      const replayed = await runCli(['replay', output, '--verify']);
      expect(replayed.status).toBe(0);
      expect(replayed.stdout).toMatch(/and 2 marks of statistics match/);
    },
  );
});

describe('pymem report (the main job)', () => {
  it('reports on the bundled example when given no command', async () => {
    const { status, stdout } = await runCli([]);
    expect(status).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "pymem report  bundled example (apps/cli/examples/requests.pymem.txt.br)
        program   /root/.pyenv/versions/3.12.1/bin/python3.12 -I -S apps/cli/examples/requests_app.py
        CPython   3.12.1 (profile 3.12), 218,921 allocator events, 3 marks
        at        the end of the recording (event 218,921; it has no "exit" mark)

      Arenas (1,048,576 bytes each)
        peak     5 arenas    5.0 MiB  at event 139,181 (before mark "peak")
        now      5 arenas    5.0 MiB  holding 0.9 MiB of live blocks: 17.6% used

      Marks
        mid-burst      event    90,474    3 arenas    2.4 MiB in blocks
        peak           event   156,299    5 arenas    4.0 MiB in blocks
        after-cleanup  event   218,921    5 arenas    0.9 MiB in blocks

      Why it does not go back down
        An arena returns to the OS only when every one of its pools is empty.
        arena  used    live blocks  pools used/empty/virgin  pinned by (block size × live blocks)
            0  67.9%        8,739  63/0/0                   80 B×2,855, 64 B×2,805, 48 B×1,360, 160 B×406, …
            1  11.3%        1,406  59/4/0                   64 B×596, 160 B×190, 128 B×109, 48 B×264, …
            2   3.7%          467  57/6/0                   128 B×129, 64 B×177, 48 B×65, 144 B×14, …
            3   3.8%          476  58/5/0                   128 B×130, 64 B×192, 48 B×51, 32 B×60, …
            4   1.3%          145  23/4/36                  128 B×56, 64 B×63, 224 B×3, 48 B×13, …
        4 of 5 arenas are less than 25% used: freeing their 2,494 live blocks would let pymalloc return 4.0 MiB.

      Source lines whose live blocks keep the nearly empty arenas
        /tmp/pymem/apps/cli/examples/requests_app.py:31: 598 blocks, 45,571 B requested
        /tmp/pymem/apps/cli/examples/requests_app.py:27: 398 blocks, 36,616 B requested
        /tmp/pymem/apps/cli/examples/requests_app.py:30: 156 blocks, 21,871 B requested
        <frozen abc>:106: 141 blocks, 11,754 B requested
        /tmp/pymem/apps/cli/examples/requests_app.py:29: 200 blocks, 10,355 B requested

      Objects pinning the nearly empty arenas (heap snapshot "after-cleanup", taken at this point)
        arena 1: 1,190 objects in its 1,406 live blocks
               90 dict           21,888 B  <frozen abc>:106
                1 dict           13,056 B  <frozen importlib._bootstrap>:311
               27 dict           10,768 B  <unknown>
          … 336 more types and lines (--json lists all)
        arena 2: 345 objects in its 467 live blocks
               59 dict           10,856 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               59 dict           10,856 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
               41 str             6,706 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
          … 3 more types and lines (--json lists all)
        arena 3: 354 objects in its 476 live blocks
               64 dict           11,776 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               64 dict           11,776 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
               51 str             6,991 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
          … 3 more types and lines (--json lists all)
        arena 4: 92 objects in its 145 live blocks
               21 dict            3,864 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               21 dict            3,864 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
                9 str             1,494 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
          … 3 more types and lines (--json lists all)

      Outside pymalloc
        302 live blocks, 0.5 MiB requested, held by the raw allocator (malloc):
        requests over 512 bytes go there directly; no arena holds them and the figures above leave them out.

      Try next
        pymem replay apps/cli/examples/requests.pymem.txt.br --verify     prove the model matches CPython pointer for pointer
        pymem stats apps/cli/examples/requests.pymem.txt.br --at 218921   CPython's own _debugmallocstats block at this point, from the model
        pymem view apps/cli/examples/requests.pymem.txt.br                see every arena, pool and block over time in the browser
        pymem record --sites 1 -o app.pmt app.py                          record your own program, then: pymem report app.pmt
      "
    `);
  });

  it('gives the same numbers as JSON, consistent with CPython statistics', async () => {
    const { status, stdout } = await runCli(['report', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ python: '3.12.1', profile: '3.12', arenaSize: 1048576 });
    expect(report.arenas).toHaveLength(report.now.arenas);
    const inBlocks = report.arenas.reduce(
      (sum: number, arena: { usedBytes: number }) => sum + arena.usedBytes,
      0,
    );
    expect(inBlocks).toBe(report.now.bytesInBlocks);
    expect(report.peak.arenas).toBeGreaterThanOrEqual(report.now.arenas);
    expect(report.marks.map((mark: { label: string }) => mark.label)).toEqual([
      'mid-burst',
      'peak',
      'after-cleanup',
    ]);
  });

  it('rejects a malformed --arenas as a usage error', async () => {
    expectOneLineError(
      await runCli(['report', '--arenas', 'many']),
      1,
      /--arenas takes a whole number/,
    );
  });
});

describe('reports at a point of the recording', () => {
  const example = 'apps/cli/examples/requests.pymem.txt.br';

  it('pymem stats --mark prints the block CPython printed at that mark', async () => {
    const trace = parseTextTrace(traceText);
    for (const mark of trace.marks.filter((m) => m.stats !== '')) {
      const { status, stdout } = await runCli(['stats', tracePath, '--mark', mark.label]);
      expect(status).toBe(0);
      expect(stdout).toBe(mark.stats);
    }
  });

  it('pymem fragmentation shows each arena and what pins it', async () => {
    const { status, stdout } = await runCli(['fragmentation', example, '--mark', 'after-cleanup']);
    expect(status).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "pymem fragmentation  apps/cli/examples/requests.pymem.txt.br at mark "after-cleanup" (event 218,921)
        peak     5 arenas    5.0 MiB  at event 139,181 (before mark "peak")
        now      5 arenas    5.0 MiB  holding 0.9 MiB of live blocks: 17.6% used

        bytes in arenas 5.0 MiB, in live blocks 0.9 MiB (17.6%)

        arena  used    live blocks  pools used/empty/virgin  pinned by (block size × live blocks)
            0  67.9%        8,739  63/0/0                   80 B×2,855, 64 B×2,805, 48 B×1,360, 160 B×406, …
            1  11.3%        1,406  59/4/0                   64 B×596, 160 B×190, 128 B×109, 48 B×264, …
            2   3.7%          467  57/6/0                   128 B×129, 64 B×177, 48 B×65, 144 B×14, …
            3   3.8%          476  58/5/0                   128 B×130, 64 B×192, 48 B×51, 32 B×60, …
            4   1.3%          145  23/4/36                  128 B×56, 64 B×63, 224 B×3, 48 B×13, …
        4 of 5 arenas are less than 25% used: freeing their 2,494 live blocks would let pymalloc return 4.0 MiB.

      Source lines pinning each arena (live blocks, requested bytes)
            0  <unknown> ×4,397 (314,733 B), <frozen importlib._bootstrap>:488 ×2,058 (136,478 B), <frozen importlib._bootstrap_external>:752 ×480 (26,203 B), …
            1  /tmp/pymem/apps/cli/examples/requests_app.py:31 ×177 (12,790 B), <frozen abc>:106 ×141 (11,754 B), /tmp/pymem/apps/cli/examples/requests_app.py:27 ×106 (9,640 B), …
            2  /tmp/pymem/apps/cli/examples/requests_app.py:31 ×185 (14,021 B), /tmp/pymem/apps/cli/examples/requests_app.py:27 ×120 (11,096 B), /tmp/pymem/apps/cli/examples/requests_app.py:30 ×41 (6,706 B), …
            3  /tmp/pymem/apps/cli/examples/requests_app.py:31 ×176 (13,711 B), /tmp/pymem/apps/cli/examples/requests_app.py:27 ×125 (11,416 B), /tmp/pymem/apps/cli/examples/requests_app.py:30 ×51 (6,991 B), …
            4  /tmp/pymem/apps/cli/examples/requests_app.py:31 ×60 (5,049 B), /tmp/pymem/apps/cli/examples/requests_app.py:27 ×47 (4,464 B), /tmp/pymem/apps/cli/examples/requests_app.py:30 ×9 (1,494 B), …

      Objects pinning the nearly empty arenas (heap snapshot "after-cleanup", taken at this point)
        arena 1: 1,190 objects in its 1,406 live blocks
               90 dict           21,888 B  <frozen abc>:106
                1 dict           13,056 B  <frozen importlib._bootstrap>:311
               27 dict           10,768 B  <unknown>
               55 dict           10,120 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               55 dict           10,120 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
          … 334 more types and lines (--json lists all)
        arena 2: 345 objects in its 467 live blocks
               59 dict           10,856 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               59 dict           10,856 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
               41 str             6,706 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
               59 str             3,068 B  /tmp/pymem/apps/cli/examples/requests_app.py:29
               65 str             2,925 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
          … 1 more types and lines (--json lists all)
        arena 3: 354 objects in its 476 live blocks
               64 dict           11,776 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               64 dict           11,776 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
               51 str             6,991 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
               64 str             3,328 B  /tmp/pymem/apps/cli/examples/requests_app.py:29
               51 str             2,295 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
          … 1 more types and lines (--json lists all)
        arena 4: 92 objects in its 145 live blocks
               21 dict            3,864 B  /tmp/pymem/apps/cli/examples/requests_app.py:27
               21 dict            3,864 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
                9 str             1,494 B  /tmp/pymem/apps/cli/examples/requests_app.py:30
               21 str             1,092 B  /tmp/pymem/apps/cli/examples/requests_app.py:29
               13 str               585 B  /tmp/pymem/apps/cli/examples/requests_app.py:31
          … 1 more types and lines (--json lists all)
      "
    `);
  });

  it('pymem timeline draws arenas and blocks over time, or prints CSV', async () => {
    const chart = await runCli(['timeline', example, '--points', '20']);
    expect(chart.status).toBe(0);
    expect(chart.stdout).toMatchInlineSnapshot(`
      "pymem timeline  apps/cli/examples/requests.pymem.txt.br: CPython 3.12.1, 218,921 events
        ─── (upper) arenas held   ─── (lower) bytes in live blocks

          5.0 MiB  ┼             ╭─────── 
          4.6 MiB  ┤             │        
          4.2 MiB  ┤         ╭───╯╭╮      
          3.8 MiB  ┤         │   ╭╯╰╮     
          3.3 MiB  ┤         │ ╭─╯  │     
          2.9 MiB  ┤     ╭───╯╭╯    │     
          2.5 MiB  ┤     │ ╭──╯     ╰╮    
          2.1 MiB  ┤ ╭───╯╭╯         │    
          1.7 MiB  ┤ │  ╭─╯          ╰╮   
          1.3 MiB  ┤ │ ╭╯             │   
          0.8 MiB  ┤╭╭─╯              ╰── 
          0.4 MiB  ┤╭╯                    
          0.0 MiB  ┼╯                     
                      ·····^ ·····^   · ^
                   event 0        218,921
                   ^ mark   · GC collection

        mark "mid-burst" at event 90,474: 3 arenas (3.0 MiB), 2.4 MiB in blocks
        mark "peak" at event 156,299: 5 arenas (5.0 MiB), 4.0 MiB in blocks
        mark "after-cleanup" at event 218,921: 5 arenas (5.0 MiB), 0.9 MiB in blocks
        28 GC collections recorded
      "
    `);
    const csv = await runCli(['timeline', example, '--csv', '--points', '3']);
    expect(csv.stdout).toMatchInlineSnapshot(`
      "event,arenas,bytes_in_arenas,bytes_in_blocks,utilisation,mark,gc_collections
      0,0,0,0,0.0000,,0
      90474,3,3145728,2508496,0.7974,"mid-burst",14
      109461,4,4194304,2985328,0.7118,,4
      156299,5,5242880,4191008,0.7994,"peak",9
      218921,5,5242880,921872,0.1758,"after-cleanup",1
      "
    `);
  });

  it('names the problem with a point in one line', async () => {
    expectOneLineError(
      await runCli(['stats', example, '--at', '999999999']),
      2,
      /^pymem: --at 999999999 is past the end of the recording \([\d,]+ events\)\n$/,
    );
    expectOneLineError(
      await runCli(['stats', example, '--mark', 'nope']),
      2,
      /^pymem: no mark "nope" in this recording \(marks: "mid-burst", "peak", "after-cleanup"\)\n$/,
    );
    expectOneLineError(
      await runCli(['fragmentation', example, '--at', '-3']),
      2,
      /--at takes an event index/,
    );
    expectOneLineError(
      await runCli(['timeline', example, '--points', '1']),
      1,
      /--points takes a whole number/,
    );
  });
});

describe('pymem diff', () => {
  const example = 'apps/cli/examples/requests.pymem.txt.br';
  it('compares two marks by size class, tracemalloc style', async () => {
    const { status, stdout } = await runCli([
      'diff',
      example,
      '--from',
      'mid-burst',
      '--to',
      'after-cleanup',
      '--top',
      '4',
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "pymem diff  apps/cli/examples/requests.pymem.txt.br: from mark "mid-burst" (event 90,474) to mark "after-cleanup" (event 218,921)
        arenas 3 → 5 (+2), bytes in blocks 2450 KiB → 900 KiB (-1549 KiB)

      By size class
        128 B blocks  : size=83.1 KiB (-598 KiB), count=665 (-4785), average=128 B
        64 B blocks   : size=240 KiB (-464 KiB), count=3833 (-7432), average=64 B
        48 B blocks   : size=82.2 KiB (-126 KiB), count=1753 (-2698), average=48 B
        32 B blocks   : size=21.3 KiB (-69.2 KiB), count=683 (-2214), average=32 B
        … 27 more size classes (--top N, --json)

      Top 4 by lineno (tracemalloc compare_to, request sizes)
        /tmp/pymem/apps/cli/examples/requests_app.py:31: size=44.5 KiB (-511 KiB), count=598 (-6877), average=76 B
        /tmp/pymem/apps/cli/examples/requests_app.py:27: size=35.8 KiB (-413 KiB), count=398 (-4602), average=92 B
        /tmp/pymem/apps/cli/examples/requests_app.py:30: size=24.1 KiB (-313 KiB), count=175 (-2300), average=141 B
        /tmp/pymem/apps/cli/examples/requests_app.py:29: size=10.1 KiB (-116 KiB), count=200 (-2301), average=52 B

        (no heap snapshot at mark "mid-burst" (event 90,474): growth by type needs one at both points)
      "
    `);
  });

  it('agrees with the statistics at both points', async () => {
    const diff = JSON.parse(
      (await runCli(['diff', example, '--from', 'peak', '--to', 'after-cleanup', '--json'])).stdout,
    );
    const at = async (mark: string) =>
      JSON.parse((await runCli(['stats', example, '--mark', mark, '--json'])).stdout).stats;
    const [peak, after] = [await at('peak'), await at('after-cleanup')];
    expect(diff.bytesInBlocks).toEqual({
      from: peak.bytesInAllocatedBlocks,
      to: after.bytesInAllocatedBlocks,
    });
    const sum = (key: string) =>
      diff.sizeClasses.reduce((total: number, row: Record<string, number>) => total + row[key]!, 0);
    expect(sum('bytesFrom')).toBe(peak.bytesInAllocatedBlocks);
    expect(sum('bytesTo')).toBe(after.bytesInAllocatedBlocks);
  });

  it('rejects points in the wrong order', async () => {
    expectOneLineError(
      await runCli(['diff', example, '--from', 'peak', '--to', 'mid-burst']),
      2,
      /--from \(event \d+\) comes after --to \(event \d+\)/,
    );
  });
});

describe('pymem convert', () => {
  it('converts text to .pmt and back without losing a byte', async () => {
    const binary = join(scratch, 'mixed.pmt');
    const back = join(scratch, 'mixed-back.pymem.txt');
    expect((await runCli(['convert', tracePath, '--to', 'binary', '-o', binary])).status).toBe(0);
    expect((await runCli(['convert', binary, '--to', 'text', '-o', back])).status).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe(traceText);
    expect(statSync(binary).size / parseTextTrace(traceText).length).toBeLessThan(4);
    expectOneLineError(
      await runCli(['convert', tracePath, '--to', 'binary', '-o', binary]),
      2,
      /exists already/,
    );
    expectOneLineError(
      await runCli(['convert', tracePath, '--to', 'yaml']),
      1,
      /--to takes text or binary/,
    );
  });
});

describe('--json output', () => {
  const example = 'apps/cli/examples/requests.pymem.txt.br';
  const cases: [string, string[]][] = [
    ['versions', ['versions', '--json']],
    ['replay', ['replay', example, '--json', '--stats']],
    ['report', ['report', '--json']],
    ['stats', ['stats', example, '--mark', 'peak', '--json']],
    ['fragmentation', ['fragmentation', example, '--json']],
    ['timeline', ['timeline', example, '--json', '--points', '5']],
    ['diff', ['diff', example, '--from', 'mid-burst', '--to', 'peak', '--json']],
  ];
  for (const [name, argv] of cases) {
    it(`pymem ${name} --json matches its documented schema`, async () => {
      const { status, stdout } = await runCli(argv);
      expect(status).toBe(0);
      JSON_SCHEMAS[name]!.parse(JSON.parse(stdout));
    });
  }

  it('is documented in docs/cli-json.md, generated from the schemas', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'docs', 'cli-json.md'), 'utf8')).toBe(
      cliJsonDocs(),
    );
  });
});

describe('pymem view', () => {
  it('serves the viewer with the recording preloaded, on 127.0.0.1', async () => {
    let stop!: () => void;
    let stdout = '';
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = main(
      ['view', 'apps/cli/examples/requests.pymem.txt.br', '--port', '0'],
      {
        out: (text) => {
          stdout += text;
        },
        err: () => {},
        color: false,
      },
      { until },
    );
    for (let i = 0; i < 100 && stdout === ''; i++) await new Promise((r) => setTimeout(r, 50));
    const url = stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?trace=/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const trace = await fetch(new URL('/trace', url));
    expect((await trace.text()).startsWith('pymem-trace 1\npython 3.12.1\n')).toBe(true);
    stop();
    expect(await running).toBe(0);
  });

  it('shows the recording at the root URL of the port it is given', async () => {
    const port = await freePort();
    let stop!: () => void;
    let stdout = '';
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = main(
      ['view', 'apps/cli/examples/requests.pymem.txt.br', '--port', String(port)],
      {
        out: (text) => {
          stdout += text;
        },
        err: () => {},
        color: false,
      },
      { until },
    );
    for (let i = 0; i < 100 && stdout === ''; i++) await new Promise((r) => setTimeout(r, 50));
    const root = `http://127.0.0.1:${port}/`;
    expect(stdout).toBe(`${root}?trace=/trace\n`);
    const page = await fetch(root);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page names the recording in its head, and its app reads that name.
    const head = html.slice(0, html.search(/<\/head>/i));
    const preload = /<meta name="pymem-trace" content="([^"]*)" \/>/.exec(head)?.[1];
    expect(preload).toBe('/trace');
    const script = /<script[^>]* src="([^"]+)"/.exec(head)?.[1];
    const app = await (await fetch(new URL(script!, root))).text();
    expect(app.includes('meta[name="pymem-trace"]'), 'the app reads the meta').toBe(true);
    const trace = await fetch(new URL(preload!, root));
    expect((await trace.text()).startsWith('pymem-trace 1\npython 3.12.1\n')).toBe(true);
    stop();
    expect(await running).toBe(0);
  });

  it('says in one line when the file is missing or the port is bad', async () => {
    expectOneLineError(await runCli(['view', join(scratch, 'nope.txt')]), 2, /nope\.txt/);
    expectOneLineError(
      await runCli(['view', tracePath, '--port', '70000']),
      1,
      /^pymem: --port takes a whole number from 0 to 65535, not "70000"\n$/,
    );
  });
});

describe('the command line itself', () => {
  it('answers a mistyped command as one, not as a file for report', async () => {
    for (const argv of [
      ['fragmentaton', tracePath],
      ['fragmentaton'],
      ['--python', '3.12', 'fragmentaton'],
    ]) {
      expectOneLineError(
        await runCli(argv),
        1,
        /^pymem: unknown command 'fragmentaton' \(did you mean fragmentation\?\)\n$/,
      );
    }
    expectOneLineError(
      await runCli(['stat', tracePath]),
      1,
      /^pymem: unknown command 'stat' \(did you mean stats\?\)\n$/,
    );
  });

  it('still reports on a file whose name looks like a command', async () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'pymem-cwd-'));
    copyFileSync(tracePath, join(dir, 'stat'));
    process.chdir(dir);
    try {
      const { status, stdout } = await runCli(['stat', '--json']);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ file: 'stat', python: '3.12.1' });
    } finally {
      process.chdir(cwd);
    }
  });

  it("folds commander's suggestion for a mistyped option into the one line", async () => {
    expectOneLineError(
      await runCli(['replay', tracePath, '--verfy']),
      1,
      /^pymem: unknown option '--verfy' \(did you mean --verify\?\)\n$/,
    );
  });

  it('prints its version with --version and -V', async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'apps', 'cli', 'package.json'), 'utf8'),
    );
    for (const flag of ['--version', '-V']) {
      expect(await runCli([flag])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}-V, --version +print the version/m);
  });

  it('answers every bad whole number with one line naming the flag and the range', async () => {
    const example = 'apps/cli/examples/requests.pymem.txt.br';
    const cases: [string[], RegExp][] = [
      [['report', '--arenas', '-1'], /^pymem: --arenas takes a whole number, not "-1"\n$/],
      [
        ['timeline', example, '--points', '2.5'],
        /^pymem: --points takes a whole number from 2 to 10000, not "2\.5"\n$/,
      ],
      [['diff', example, '--top', '0'], /^pymem: --top takes a positive whole number, not "0"\n$/],
      [
        ['record', '--sites', 'x', '-c', 'pass'],
        /^pymem: --sites takes a whole number from 0 to 65535, not "x"\n$/,
      ],
      [
        ['view', example, '--port', ''],
        /^pymem: --port takes a whole number from 0 to 65535, not ""\n$/,
      ],
    ];
    for (const [argv, wanted] of cases) expectOneLineError(await runCli(argv), 1, wanted);
  });
});
