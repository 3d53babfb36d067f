/**
 * co_nlocals and co_stacksize of every generator the model compiles, against CPython:
 * each generator function and generator expression of the `gen_*.py` differential
 * programs (tests/programs), compiled on the model for 3.8 … 3.14, has the shape that
 * CPython's compiler gave it (3.14: Pyodide's 3.14.2) — recorded in __fixtures__/generator-codes.json by
 * tests/scripts/record-generator-codes.ts. (tests/run-differential.test.ts checks the
 * sizes these shapes make, `gen_frame_sizes*.py`, live.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Heap } from '@pymem/objects';
import { describe, expect, it } from 'vitest';
import { compiledGeneratorCodes } from './compile-generators.ts';
import { Compiler } from './compiler.ts';
import { Machine } from './machine.ts';
import { Source } from './source.ts';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '__fixtures__', 'generator-codes.json'), 'utf8'),
) as Record<string, Record<string, string[]>>;
const PROFILES = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];
const PROGRAMS = join(import.meta.dirname, '..', '..', '..', 'tests', 'programs');

/** `name line nlocals stacksize` of each generator code, in compilation order. */
function modelShapes(text: string, python: string): string[] {
  const machine = new Machine(new Heap({ profile: python as never }), 1000);
  new Compiler(new Source(text), machine).compileModule();
  return compiledGeneratorCodes(machine).map(
    (s) => `${s.name} ${s.line} ${s.nlocals} ${s.stacksize}`,
  );
}

describe('generator code shapes', () => {
  const programs = ['run', 'run-errors'].flatMap((dir) =>
    readdirSync(join(PROGRAMS, dir))
      .filter((f) => (f.startsWith('gen_') || f.startsWith('it_iter_')) && f.endsWith('.py'))
      .map((f) => ({
        key: `${dir === 'run' ? 'run' : 'errors'}/${f}`,
        path: join(PROGRAMS, dir, f),
      })),
  );

  it('has every gen_ program recorded on 3.8 … 3.14', () => {
    expect(programs.length).toBeGreaterThanOrEqual(35);
    for (const python of PROFILES)
      for (const { key } of programs)
        expect(fixture[python]?.[key], `${python} ${key}`).toBeDefined();
  });

  for (const python of PROFILES)
    it(`compiles CPython ${python}'s co_nlocals and co_stacksize`, () => {
      for (const { key, path } of programs) {
        const model = modelShapes(readFileSync(path, 'utf8'), python).sort();
        expect(model, key).toEqual([...fixture[python]![key]!].sort());
      }
    });
});
