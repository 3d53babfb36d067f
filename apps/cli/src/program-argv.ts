/**
 * Where a recorded program's own command line starts in `pymem … record …` argv, so
 * that the option parser never reads the program's flags as pymem's. Kept apart from
 * the record command so that `pymem --help` loads nothing heavy.
 */

/** `record`'s options that take a value (the scan below must skip their values). */
const VALUE_OPTIONS = new Set(['--python', '-o', '--output', '--sites']);

/**
 * Where the recorded program's own command line starts in `pymem … record …` argv:
 * at the first `-m`, `-c`, `--` or word that is not one of record's options, as
 * `python` itself reads its command line. Everything from there on belongs to the
 * program, untouched (`pymem record -m pytest -x -k name`). Returns argv with a `--`
 * at that point (so the option parser stops there), or argv itself when the command
 * is not `record`.
 */
export function separateProgramArgv(argv: readonly string[]): string[] {
  let i = 0;
  // Global options before the command word.
  while (i < argv.length && argv[i]!.startsWith('-')) i += argv[i] === '--python' ? 2 : 1;
  if (argv[i] !== 'record') return [...argv];
  for (i++; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return [...argv];
    if (word === '-m' || word === '-c' || !word.startsWith('-')) break;
    if (VALUE_OPTIONS.has(word)) i++;
  }
  return [...argv.slice(0, i), '--', ...argv.slice(i)];
}
