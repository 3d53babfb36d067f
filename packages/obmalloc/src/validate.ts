/**
 * `validateObmalloc`: checks every invariant of the pymalloc state (see
 * internal/state.ts), like CPython's debug asserts and mimalloc's `_mi_page_is_valid`.
 *
 * Tiers: `'lists'` checks arenas, usable_arenas ordering, nfp2lasta and usedpools
 * (cost ∝ arenas × pools); `'blocks'` also walks every pool's free list
 * (cost ∝ blocks). Returns the problems found; an empty array means valid.
 */
import { blocksPerPool } from './constants.ts';
import { stateOf } from './internal/state.ts';
import type { Obmalloc } from './obmalloc.ts';

/** How deep {@link validateObmalloc} looks. */
export type ValidationTier = 'lists' | 'blocks';

/** Checks the model's invariants; returns one message per violation (empty when valid). */
export function validateObmalloc(model: Obmalloc, tier: ValidationTier = 'blocks'): string[] {
  const s = stateOf(model);
  const c = model.constants;
  const problems: string[] = [];
  const fail = (message: string) => {
    if (problems.length < 50) problems.push(message);
  };

  // Unused arena objects: exactly those with address 0, reachable from the stack.
  const unused = new Set<number>();
  for (let a = s.unusedArenaObjects; a >= 0; a = s.arenaNext[a]!) {
    if (unused.has(a)) {
      fail(`unused_arena_objects has a cycle at ${a}`);
      break;
    }
    unused.add(a);
    if (s.arenaAddress[a] !== 0) fail(`unused arena object ${a} has an address`);
  }
  let allocated = 0;
  for (let a = 0; a < s.maxarenas; a++) {
    if (s.arenaAddress[a] === 0) {
      if (!unused.has(a)) fail(`arena object ${a} has no address but is not on the unused stack`);
    } else allocated++;
  }
  if (allocated !== s.narenasCurrentlyAllocated) {
    fail(`narenas_currently_allocated ${s.narenasCurrentlyAllocated} != ${allocated} arenas`);
  }

  // usable_arenas: allocated arenas with free pools, ascending, doubly linked.
  const usable: number[] = [];
  for (let a = s.usableArenas, prev = -1; a >= 0; prev = a, a = s.arenaNext[a]!) {
    if (usable.length > s.maxarenas) {
      fail('usable_arenas has a cycle');
      break;
    }
    if (s.arenaPrev[a] !== prev) fail(`usable arena ${a}: prevarena ${s.arenaPrev[a]} != ${prev}`);
    if (s.arenaAddress[a] === 0) fail(`usable arena ${a} has no address`);
    if (s.arenaNfreepools[a]! <= 0) fail(`usable arena ${a} has no free pool`);
    const last = usable[usable.length - 1];
    if (last !== undefined && s.arenaNfreepools[last]! > s.arenaNfreepools[a]!) {
      fail(`usable_arenas not sorted at arena ${a}`);
    }
    usable.push(a);
  }
  const inUsable = new Set(usable);
  for (let a = 0; a < s.maxarenas; a++) {
    if (s.arenaAddress[a] !== 0 && s.arenaNfreepools[a]! > 0 && !inUsable.has(a)) {
      fail(`arena ${a} has ${s.arenaNfreepools[a]} free pools but is not in usable_arenas`);
    }
  }
  for (let nf = 0; nf < s.nfp2lasta.length; nf++) {
    let rightmost = -1;
    for (const a of usable) if (s.arenaNfreepools[a] === nf) rightmost = a;
    if (s.nfp2lasta[nf] !== rightmost) {
      fail(`nfp2lasta[${nf}] is ${s.nfp2lasta[nf]}, expected ${rightmost}`);
    }
  }

  // Pools: freepools, usedpools and the per-pool counts.
  const inUsed = new Set<number>();
  for (let sizeClass = 0; sizeClass < c.numSizeClasses; sizeClass++) {
    let count = 0;
    for (
      let p = s.poolNext(sizeClass), prev = sizeClass;
      p !== sizeClass;
      prev = p, p = s.poolNext(p)
    ) {
      if (++count > s.maxarenas * s.poolsPerArena) {
        fail(`usedpools[${sizeClass}] has a cycle`);
        break;
      }
      if (s.poolPrev(p) !== prev) fail(`pool ${p}: prevpool broken in usedpools[${sizeClass}]`);
      if (s.poolSzidx(p) !== sizeClass)
        fail(`pool ${p} of class ${s.poolSzidx(p)} in usedpools[${sizeClass}]`);
      inUsed.add(p);
    }
  }
  for (let a = 0; a < s.maxarenas; a++) {
    if (s.arenaAddress[a] === 0) continue;
    const free = new Set<number>();
    for (let p = s.arenaFreepools[a]!; p >= 0; p = s.poolNext(p)) {
      if (free.has(p) || free.size > s.poolsPerArena) {
        fail(`freepools of arena ${a} has a cycle`);
        break;
      }
      free.add(p);
      if (s.poolRef(p) !== 0) fail(`pool ${p} on freepools has ref.count ${s.poolRef(p)}`);
    }
    const carved = s.arenaCarved[a]!;
    if (s.arenaNfreepools[a] !== free.size + s.arenaNtotalpools[a]! - carved) {
      fail(
        `arena ${a}: nfreepools ${s.arenaNfreepools[a]} != ${free.size} cached + ${s.arenaNtotalpools[a]! - carved} virgin`,
      );
    }
    for (let k = 0; k < carved; k++) {
      const p = s.poolId(a, k);
      const ref = s.poolRef(p);
      if (ref === 0) {
        if (!free.has(p)) fail(`empty pool ${p} is not on its arena's freepools`);
        continue;
      }
      const sizeClass = s.poolSzidx(p);
      const capacity = blocksPerPool(c, sizeClass);
      const size = (sizeClass + 1) * c.alignment;
      const virgin = Math.floor((c.poolSize - s.poolNextoffset(p)) / size);
      const full = s.poolFreeblock(p) < 0;
      if (full === inUsed.has(p)) fail(`pool ${p}: full=${full} but in usedpools=${inUsed.has(p)}`);
      if (tier === 'blocks') {
        const links = s.blockLinks[a]!;
        const base = k * s.maxBlocks;
        const carvedBlocks = (s.poolNextoffset(p) - c.poolOverhead) / size;
        const seen = new Set<number>();
        for (let b = s.poolFreeblock(p); b >= 0; b = links[base + b]!) {
          if (seen.has(b) || b >= carvedBlocks) {
            fail(`pool ${p}: free list broken at block ${b}`);
            break;
          }
          seen.add(b);
        }
        if (ref + seen.size + virgin !== capacity) {
          fail(`pool ${p}: ${ref} used + ${seen.size} free + ${virgin} virgin != ${capacity}`);
        }
      }
    }
  }
  return problems;
}
