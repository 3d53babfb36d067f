/**
 * `pymem report` and `pymem fragmentation` name the objects pinning each nearly empty
 * arena, proven against the real process: a program fills arenas with short-lived
 * objects, keeps every 400th (a `Keeper`), drops the rest, takes a heap snapshot and
 * prints the `id()` of every keeper. Under every recorded CPython (3.8–3.13; each
 * missing one is reported as skipped, never passed), recorded with allocation sites:
 *   - each nearly empty arena's `Keeper` row counts exactly the printed ids that lie
 *     in that arena's address range, and names the line that created them;
 *   - `report` and `fragmentation` give the same analysis (JSON), and print it;
 *   - `objects --arena N` lists exactly the keepers whose ids lie in arena N, and
 *     `objects --by arena` counts every linked object once;
 *   - at the end of the recording the same snapshot is used and said to be earlier.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { recordProgram } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const PROGRAM = [
  'import gc, pymem_record',
  'gc.disable()',
  'class Keeper: pass',
  'class Filler: pass',
  'objs = []',
  'for i in range(60000):',
  '    objs.append(Keeper() if i % 400 == 0 else Filler())', // line 7
  'keepers = [o for o in objs if type(o) is Keeper]',
  'del objs',
  "pymem_record.snapshot('s')",
  'print(" ".join(str(id(k)) for k in keepers))',
].join('\n');

interface Pinning {
  snapshot: string;
  exact: boolean;
  arenas: {
    arena: number;
    blocks: number;
    objects: number;
    rows: { type: string; site: string | null; objects: number; bytes: number }[];
  }[];
}

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'objects pinning nearly empty arenas');
  describe.skipIf(!python)(`objects pinning arenas under CPython ${profile}`, () => {
    it('names the type and line of the objects left in each nearly empty arena', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pymem-pinning-'));
      const { script, output, run } = await recordProgram(
        python!,
        dir,
        'keepers',
        `${PROGRAM}
`,
        {
          sites: 1,
        },
      );
      expect(run.stderr).toBe('');
      const ids = run.stdout.trim().split(' ').map(Number);
      expect(ids).toHaveLength(150);

      const report = await runCli(['report', output, '--mark', 's', '--json']);
      expect(report.status, report.stderr).toBe(0);
      const json = JSON.parse(report.stdout);
      const pinning = json.pinning as Pinning;
      expect(pinning).toMatchObject({ snapshot: 's', exact: true });
      const nearly = json.arenas.filter((a: { status: string }) => a.status === 'nearly-empty');
      expect(pinning.arenas.map((a) => a.arena)).toEqual(
        nearly.map((a: { index: number }) => a.index),
      );
      let found = 0;
      for (const arena of pinning.arenas) {
        const row = json.arenas.find((a: { index: number }) => a.index === arena.arena);
        const base = Number.parseInt(row.address, 16);
        const inside = ids.filter((id) => id >= base && id < base + json.arenaSize).length;
        const keepers = arena.rows.filter((r) => r.type === '__main__.Keeper');
        expect(keepers.reduce((sum, r) => sum + r.objects, 0)).toBe(inside);
        for (const r of keepers) expect(r.site).toBe(`${script}:7`);
        expect(arena.rows.reduce((sum, r) => sum + r.objects, 0)).toBe(arena.objects);
        expect(arena.objects).toBeLessThanOrEqual(arena.blocks);
        found += inside;
      }
      // The program leaves keepers stranded in nearly empty arenas.
      expect(found).toBeGreaterThan(0);

      // pymem objects --arena N lists exactly the keepers whose id() lies in arena N.
      const arena = pinning.arenas.find((a) => a.rows.some((r) => r.type === '__main__.Keeper'))!;
      const listing = await runCli(['objects', output, '--arena', `${arena.arena}`, '--json']);
      expect(listing.status, listing.stderr).toBe(0);
      const inArena = JSON.parse(listing.stdout).arena as {
        objects: { address: string; type: string }[];
      };
      const listed = inArena.objects
        .filter((o) => o.type === '__main__.Keeper')
        .map((o) => Number.parseInt(o.address, 16));
      const row = json.arenas.find((a: { index: number }) => a.index === arena.arena);
      const base = Number.parseInt(row.address, 16);
      expect(listed).toEqual(
        ids.filter((id) => id >= base && id < base + json.arenaSize).sort((x, y) => x - y),
      );
      expect(inArena.objects.length).toBe(arena.objects);
      // --by arena: every keeper counted once, in the arena holding its id().
      const byArena = JSON.parse(
        (await runCli(['objects', output, '--by', 'arena', '--json'])).stdout,
      );
      expect(
        byArena.arenas.reduce((sum: number, a: { objects: number }) => sum + a.objects, 0),
      ).toBe(byArena.linked);

      const fragmentation = await runCli(['fragmentation', output, '--mark', 's', '--json']);
      expect(JSON.parse(fragmentation.stdout).pinning).toEqual(pinning);
      const text = await runCli(['fragmentation', output, '--mark', 's']);
      expect(text.stdout).toContain(
        'Objects pinning the nearly empty arenas (heap snapshot "s", taken at this point)',
      );
      expect(text.stdout).toMatch(
        /\n {2}arena \d+: [\d,]+ objects in its [\d,]+ live blocks\n( +[\d,]+ \S+ +[\d,]+ B {2}\S+\n)* +[\d,]+ __main__\.Keeper +[\d,]+ B {2}\S+keepers\.py:7\n/,
      );

      const end = JSON.parse((await runCli(['report', output, '--json'])).stdout);
      expect(end.pinning).toMatchObject({ snapshot: 's', exact: false });
      const later = await runCli(['report', output]);
      expect(later.stdout).toContain('(heap snapshot "s", taken before this point, at event ');
    }, 60_000);
  });
}
