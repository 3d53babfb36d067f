/**
 * The recording to open when the page loads: `?trace=<url>`, or the
 * `<meta name="pymem-trace">` that `pymem view FILE`'s server writes into the page it
 * serves at `/` (src/server/preload-meta.ts). Only a URL of the page's own origin is
 * accepted: the viewer makes no request elsewhere.
 */
import { PRELOAD_META_NAME } from '../server/preload-meta.ts';

/** What {@link pagePreload} reads the meta element through (a `Document`). */
export interface PreloadPage {
  /** The first element matching `selectors`, or null. */
  querySelector(selectors: string): { getAttribute(name: string): string | null } | null;
}

/**
 * The recording URL the page was opened with, as written: `?trace=` of `search` (the
 * page URL's query) when non-empty, else the content of the page's
 * `<meta name="pymem-trace">`, else null. Check it with {@link preloadUrl}.
 */
export function pagePreload(search: string, page: PreloadPage): string | null {
  const fromQuery = new URLSearchParams(search).get('trace');
  if (fromQuery) return fromQuery;
  return page.querySelector(`meta[name="${PRELOAD_META_NAME}"]`)?.getAttribute('content') || null;
}

/** The same-origin URL `value` names relative to `base`, or a one-line error message. */
export function preloadUrl(value: string, base: string): URL | string {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return `?trace=${value}: not a URL`;
  }
  if (url.origin !== new URL(base).origin)
    return `?trace=${value}: refusing to load a trace from another origin`;
  return url;
}

/** The file name shown for a preloaded URL: its last path segment, decoded. */
export function preloadName(url: URL): string {
  const last = url.pathname.split('/').pop() || 'trace';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
