/**
 * Shell-style file name patterns, as tracemalloc's `Filter` matches them.
 *
 * Models `fnmatch.fnmatch(name, pattern)` of Lib/fnmatch.py on POSIX, where
 * `os.path.normcase` is the identity, so matching is case-sensitive and `/` is an
 * ordinary character. Semantics are those of CPython 3.10.13+ / 3.11 / 3.12 / 3.13:
 *
 *   `*`        any run of characters, including `/` and newlines
 *   `?`        exactly one character (one code point)
 *   `[seq]`    one character in seq; `[!seq]` one character not in seq
 *   `a-z`      a range inside brackets (by code point); a `-` first or last is literal
 *   `]`        literal when it comes first in the brackets (`[]]`, `[!]]`)
 *   `[`        literal when no closing `]` follows; `\` is always literal
 *   a range whose start is above its end is empty and removed: `[z-a]` matches
 *   nothing, `[!z-a]` matches any one character, `[a--c]` matches only `c`.
 *
 * The whole name must match. CPython 3.8 and 3.9 (and 3.10 releases before the fix for
 * gh-89973, 2022) differ for reversed ranges: their fnmatch raises `re.error` ("bad
 * character range z-a") instead, so a tracemalloc Filter with such a pattern raises
 * while filtering. The model does not reproduce that error.
 *
 * Implemented as a small matcher over code points (no RegExp translation).
 */

/** One element of a compiled pattern. */
type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly cp: number }
  | { readonly kind: 'set'; readonly negated: boolean; readonly ranges: readonly Range[] };

/** An inclusive code point range; a literal is a range of one. */
type Range = readonly [low: number, high: number];

const STAR: Token = { kind: 'star' };
const ANY: Token = { kind: 'any' };
const NOTHING: Token = { kind: 'set', negated: false, ranges: [] };

const BANG = 0x21; // !
const HYPHEN = 0x2d; // -
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

/** The code points of a string (a lone surrogate counts as one). */
function codePoints(s: string): number[] {
  return Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
}

/**
 * Builds the token for the bracket body `body` (between `[` and `]`, `!` included).
 *
 * The body is cut at the hyphens that form ranges into chunks: a chunk's last code
 * point starts a range that the next chunk's first code point ends. The search for a
 * range hyphen starts after the first member (so a leading `-` is literal) and resumes
 * two code points after a range's end, so `a-b-c` is a range `a-b`, a literal `-` and
 * `c`. A trailing `-` is literal.
 *
 * CPython 3.10+ then deletes each reversed range together with its two end points
 * (its `re` would reject them). Here a reversed range is kept as a range that
 * contains nothing, which matches the same characters: the deleted end points were
 * range ends, never literals. The two special results follow too: a set left with
 * nothing matches nothing, and a negated one matches any character.
 */
function bracketToken(body: readonly number[]): Token {
  let chunks: number[][];
  if (!body.includes(HYPHEN)) {
    chunks = [[...body]];
  } else {
    chunks = [];
    let start = 0;
    let from = body[0] === BANG ? 2 : 1;
    for (;;) {
      const hyphen = body.indexOf(HYPHEN, from);
      if (hyphen < 0) break;
      chunks.push(body.slice(start, hyphen));
      start = hyphen + 1;
      from = hyphen + 3;
    }
    const last = body.slice(start);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1]!.push(HYPHEN);
  }
  const first = chunks[0]!;
  if (chunks.length === 1 && first.length === 0) return NOTHING;
  const negated = first[0] === BANG;
  if (negated) {
    chunks[0] = first.slice(1);
    if (chunks.length === 1 && chunks[0]!.length === 0) return ANY;
  }
  const ranges: Range[] = [];
  chunks.forEach((chunk, index) => {
    const isLast = index === chunks.length - 1;
    // The first code point of a later chunk ended the previous range; the last code
    // point of a chunk other than the last starts the next range.
    const from = index === 0 ? 0 : 1;
    const to = isLast ? chunk.length : chunk.length - 1;
    for (let i = from; i < to; i++) ranges.push([chunk[i]!, chunk[i]!]);
    if (!isLast) ranges.push([chunk[chunk.length - 1]!, chunks[index + 1]![0]!]);
  });
  return { kind: 'set', negated, ranges };
}

/** Compiles a pattern into tokens (consecutive `*` collapse into one). */
function compile(pattern: string): readonly Token[] {
  const pat = codePoints(pattern);
  const tokens: Token[] = [];
  let i = 0;
  while (i < pat.length) {
    const c = pat[i]!;
    i++;
    if (c === 0x2a) {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === 0x3f) {
      tokens.push(ANY);
    } else if (c === OPEN) {
      let j = i;
      if (pat[j] === BANG) j++;
      if (pat[j] === CLOSE) j++;
      while (j < pat.length && pat[j] !== CLOSE) j++;
      if (j >= pat.length) {
        tokens.push({ kind: 'char', cp: OPEN });
      } else {
        tokens.push(bracketToken(pat.slice(i, j)));
        i = j + 1;
      }
    } else {
      tokens.push({ kind: 'char', cp: c });
    }
  }
  return tokens;
}

function matchesOne(token: Token, cp: number): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'char':
      return token.cp === cp;
    case 'set':
      return token.ranges.some(([low, high]) => cp >= low && cp <= high) !== token.negated;
    default:
      return false;
  }
}

const cache = new Map<string, readonly Token[]>();
const CACHE_LIMIT = 4096;

function compiled(pattern: string): readonly Token[] {
  let tokens = cache.get(pattern);
  if (tokens === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    tokens = compile(pattern);
    cache.set(pattern, tokens);
  }
  return tokens;
}

/**
 * `fnmatch.fnmatchcase(name, pattern)`: whether the whole of `name` matches the shell
 * pattern, case-sensitively (see the file comment for the syntax).
 */
export function fnmatchcase(name: string, pattern: string): boolean {
  const tokens = compiled(pattern);
  const text = codePoints(name);
  let t = 0;
  let s = 0;
  let starToken = -1;
  let starText = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token !== undefined && token !== STAR && matchesOne(token, text[s]!)) {
      t++;
      s++;
    } else if (token === STAR) {
      starToken = t;
      starText = s;
      t++;
    } else if (starToken >= 0) {
      // Let the last `*` swallow one more character and retry what follows it.
      t = starToken + 1;
      starText++;
      s = starText;
    } else {
      return false;
    }
  }
  while (tokens[t] === STAR) t++;
  return t === tokens.length;
}

/**
 * `fnmatch.fnmatch(name, pattern)` on POSIX: `os.path.normcase` changes nothing there,
 * so this is {@link fnmatchcase}. (On Windows CPython would lower-case both sides and
 * turn `/` into `\`; that is not modelled.)
 */
export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchcase(name, pattern);
}
