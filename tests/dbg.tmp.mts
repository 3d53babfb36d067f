import { readFileSync } from 'node:fs';
import { Heap } from '@pymem/objects';
import { runPython } from '@pymem/python';

const r = runPython(readFileSync(process.argv[2]!, 'utf8'), {
  python: process.argv[3] ?? '3.14',
  filename: 'p.py',
  heap: new Heap({ profile: '3.14', pointerSize: 4 }),
});
console.log(r.stdout, r.stderr, r.outcome);
