/**
 * Docstrings as the compiler stores them. 3.13+ clean a docstring when compiling it
 * (_PyCompile_CleanDoc, "inspect.cleandoc without dropping blank lines"):
 *
 *   first line        its leading spaces removed
 *   later lines       the smallest indentation of the non-blank ones (the margin)
 *                     removed from each; a blank line loses at most the margin
 *   a clean text      (no leading spaces, margin 0) is kept as it is
 *
 * Tabs are expanded first (str.expandtabs); a docstring with a tab is refused here.
 * Before 3.13 the text is the literal's own. Models Python/compile.c
 * _PyCompile_CleanDoc, 3.13–3.14.
 */
import { Unsupported } from './errors.ts';

/** `text` as _PyCompile_CleanDoc leaves it. */
export function cleanDoc(text: string): string {
  if (text.includes('\t')) throw new Unsupported('a docstring with a tab (3.13 expands it)');
  const n = text.length;
  let p = 0;
  while (p < n && text[p++] !== '\n') {}
  let margin = Number.POSITIVE_INFINITY;
  while (p < n) {
    const start = p;
    while (text[p] === ' ') p++;
    if (p < n && text[p] !== '\n') margin = Math.min(margin, p - start);
    while (p < n && text[p++] !== '\n') {}
  }
  if (margin === Number.POSITIVE_INFINITY) margin = 0;
  p = 0;
  while (text[p] === ' ') p++;
  if (p === 0 && margin === 0) return text;
  let out = '';
  const copyLine = (): void => {
    while (p < n) {
      const ch = text[p++]!;
      out += ch;
      if (ch === '\n') break;
    }
  };
  copyLine();
  while (p < n) {
    for (let i = 0; i < margin && text[p] === ' '; i++) p++;
    copyLine();
  }
  return out;
}

/** The docstring constant a version's compiler stores for the literal `text`. */
export function storedDocstring(minor: number, text: string): string {
  return minor >= 13 ? cleanDoc(text) : text;
}
