/**
 * How the page served at `/` knows which recording to open without `?trace=` in its
 * URL: the server writes
 *
 *   <meta name="pymem-trace" content="/trace">
 *
 * into the head of index.html, and the page reads it (src/load/preload-url.ts
 * `pagePreload`; `?trace=` wins when both are present). This file has no `node:`
 * imports: the page bundles it too, so the name is defined once.
 */

/** The `name` of the meta element that carries the recording's URL. */
export const PRELOAD_META_NAME = 'pymem-trace';

/** The `name` of the meta element that carries a Python script's URL (the snippet page). */
export const SNIPPET_META_NAME = 'pymem-snippet';

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * `html` with a `<meta name="pymem-trace" content="url">` (attribute-escaped) as the
 * last element of its head: before `</head>` when there is one, else right after the
 * doctype (or first), where the HTML parser puts it into the head all the same.
 */
export function withPreloadMeta(
  html: string,
  url: string,
  name: string = PRELOAD_META_NAME,
): string {
  const content = url.replace(/[&"<>]/g, (ch) => ATTRIBUTE_ESCAPES[ch]!);
  const meta = `<meta name="${name}" content="${content}" />`;
  const headEnd = html.search(/<\/head\s*>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${meta}\n${html.slice(headEnd)}`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
  return `${doctype}${meta}${html.slice(doctype.length)}`;
}
