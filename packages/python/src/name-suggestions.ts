/**
 * The "Did you mean" hint of an uncaught NameError (3.10+), as the interpreter prints it
 * (Python/suggestions.c offer_suggestions_for_name_error 3.10–3.12; 3.13's traceback.py
 * _compute_suggestion_error over the same C distance). Learned from those sources;
 * the code is pymem's own.
 *
 *   distance   edit distance over the names' bytes: insert or delete 2, replace 2, a
 *              case flip 1; a name more than 40 bytes long after its common prefix
 *              and suffix are dropped is never suggested
 *   accepted   a candidate other than the name whose distance is at most
 *              (len(name) + len(candidate) + 3) * 2 // 6
 *   chosen     the accepted candidate of least distance, the first of equals in the
 *              candidates' order
 *   candidates 3.10–3.12 in tiers, the first tier with an accepted one deciding: the
 *              frame's co_varnames, the module's names, the builtins; 3.13 one list:
 *              the frame's bound locals (the module's names at module level), the
 *              module's names, the builtins
 *   text       ". Did you mean: 'x'?"; 3.12+ a method's `self.name` first when self
 *              has the attribute; 3.12+ a standard module's name adds
 *              " Or did you forget to import 'sys'?" (". Did you forget to import
 *              'sys'?" alone without a suggestion)
 *
 * Invariant: a hint is given only when its choice does not depend on an order the
 * model does not know (names bound by imports have no place among the module's names
 * here): a tie between such candidates is refused (null).
 */
import { STDLIB_MODULE_NAMES } from './python-names.ts';

/** Cost of inserting or deleting one byte, or replacing it by a different one. */
const MOVE_COST = 2;
/** Cost of replacing an ASCII letter by its other case. */
const CASE_COST = 1;
/** Longest stretch (after the common affixes) the distance is computed for. */
const MAX_STRING_SIZE = 40;
/** A candidate list this long or longer gives no suggestion. */
const MAX_CANDIDATE_ITEMS = 750;

/** One candidate: its name, and whether its place in the list is the interpreter's. */
export interface Candidate {
  readonly name: string;
  readonly ordered: boolean;
}

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
  return lower(a) === lower(b) ? CASE_COST : MOVE_COST;
}

/** The distance between `a` and `b` (ASCII), or Infinity when either is too long. */
export function nameDistance(a: string, b: string): number {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const lengthA = endA - start;
  const lengthB = endB - start;
  if (lengthA === 0 || lengthB === 0) return (lengthA + lengthB) * MOVE_COST;
  if (lengthA > MAX_STRING_SIZE || lengthB > MAX_STRING_SIZE) return Number.POSITIVE_INFINITY;
  // One row of the table, over a's bytes.
  const row = new Array<number>(lengthA);
  for (let i = 0; i < lengthA; i++) row[i] = (i + 1) * MOVE_COST;
  let result = 0;
  for (let j = 0; j < lengthB; j++) {
    const code = b.charCodeAt(start + j);
    let diagonal = j * MOVE_COST;
    result = diagonal;
    for (let i = 0; i < lengthA; i++) {
      const substitute = diagonal + substitutionCost(code, a.charCodeAt(start + i));
      diagonal = row[i]!;
      result = Math.min(Math.min(result, diagonal) + MOVE_COST, substitute);
      row[i] = result;
    }
  }
  return result;
}

/**
 * The chosen candidate of one list (see the module comment): a name, undefined when
 * none is accepted, null when the choice depends on an order the model does not know.
 */
export function chooseSuggestion(
  name: string,
  candidates: readonly Candidate[],
): string | undefined | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return undefined;
  let best = Number.POSITIVE_INFINITY;
  let chosen: Candidate | undefined;
  let tiedUnordered = false;
  for (const candidate of candidates) {
    if (candidate.name === name) continue;
    const limit = Math.floor(((name.length + candidate.name.length + 3) * MOVE_COST) / 6);
    const distance = nameDistance(name, candidate.name);
    if (distance > limit) continue;
    if (distance < best) {
      best = distance;
      chosen = candidate;
      tiedUnordered = false;
    } else if (distance === best && candidate.name !== chosen!.name) {
      // The first of equals wins: known only when both places are the interpreter's.
      if (!candidate.ordered || !chosen!.ordered) tiedUnordered = true;
    }
  }
  if (tiedUnordered) return null;
  return chosen?.name;
}

/** What the hint's text is made from (see {@link nameErrorHint}). */
export interface HintCandidates {
  /** 3.10–3.12: the tiers in order; 3.13: one list. */
  readonly tiers: readonly (readonly Candidate[])[];
  /** 3.12+: self has the attribute (`self.name` is suggested); null: not a method. */
  readonly selfHas: boolean | null;
}

/**
 * The text an uncaught NameError for `name` ends with on 3.`minor` (`''` for none), or
 * null when it cannot be known (see the module comment).
 */
export function nameErrorHint(
  minor: number,
  name: string,
  { tiers, selfHas }: HintCandidates,
): string | null {
  if (!/^[\x20-\x7e]*$/.test(name)) return null;
  let suggestion: string | undefined;
  if (minor >= 12 && selfHas === true) suggestion = `self.${name}`;
  else {
    for (const tier of tiers) {
      const chosen = chooseSuggestion(name, tier);
      if (chosen === null) return null;
      if (chosen !== undefined) {
        suggestion = chosen;
        break;
      }
    }
  }
  const stdlib = minor >= 12 && (STDLIB_MODULE_NAMES[minor]?.includes(name) ?? false);
  if (suggestion === undefined) return stdlib ? `. Did you forget to import '${name}'?` : '';
  const mean = `. Did you mean: '${suggestion}'?`;
  return stdlib ? `${mean} Or did you forget to import '${name}'?` : mean;
}
