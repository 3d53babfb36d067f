/**
 * "Did you mean …?" for a mistyped command. `report` is the default command, so
 * `pymem fragmentaton f` would otherwise be read as `pymem report fragmentaton f`;
 * a first word that names no file but is a few keystrokes from a command name is
 * answered as an unknown command instead. Commander's own rule decides "near":
 * at most 3 edits (insert, delete, substitute, swap two neighbours) and more than
 * 40% of the longer word unchanged.
 */
import { existsSync } from 'node:fs';
import { CliError } from './exit-codes.ts';

const MAX_EDITS = 3;
const MIN_SIMILARITY = 0.4;

/** Edits (optimal string alignment: insert, delete, substitute, swap neighbours) from a to b. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate nearest to `word` by commander's rule, or null when none is near. */
export function closestName(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = MAX_EDITS + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    const length = Math.max(word.length, candidate.length);
    if ((length - distance) / length > MIN_SIMILARITY && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Refuses `word` — the first argument, about to be taken as the default command's file —
 * when it names no file, is a plain word, and is near one of `commandNames`.
 *
 * @throws CliError `usage` (exit 1): `unknown command 'fragmentaton' (did you mean fragmentation?)`.
 */
export function refuseMistypedCommand(word: string, commandNames: readonly string[]): void {
  if (!/^[a-z][a-z-]*$/i.test(word) || existsSync(word)) return;
  const near = closestName(word, commandNames);
  if (near !== null)
    throw new CliError('usage', `unknown command '${word}' (did you mean ${near}?)`);
}
