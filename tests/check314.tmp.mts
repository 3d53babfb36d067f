import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Heap } from '@pymem/objects';
import { runPython } from '@pymem/python';

const fixture = JSON.parse(readFileSync('fixtures/run/expected.json', 'utf8'));
const keys = process.argv.slice(2);
const all = keys.length ? keys : Object.keys(fixture);
let ok = 0,
  refused = 0,
  bad = 0;
for (const key of all) {
  const [dir, file] = key.split('/');
  const src = readFileSync(
    join('programs', dir === 'errors' ? 'run-errors' : 'run', file!),
    'utf8',
  );
  const truth = fixture[key].find((e: any) => e.versions.includes('3.14.2-wasm32'));
  if (!truth) continue;
  const r = runPython(src, {
    python: '3.14',
    filename: file,
    heap: new Heap({ profile: '3.14', pointerSize: 4 }),
  });
  if (r.outcome === 'unsupported') {
    refused++;
    if (keys.length) console.log('REFUSED', key, r.stderr.trim());
    continue;
  }
  if (r.stdout === truth.stdout) {
    ok++;
    if (keys.length) console.log('OK', key);
  } else {
    bad++;
    console.log('BAD', key, '\n' + r.stdout + '--- cpython\n' + truth.stdout);
  }
}
console.log({ ok, refused, bad });
