/**
 * `?trace=<url>`: the recording to open when the page loads (how `pymem view FILE`
 * preloads). Only a URL of the page's own origin is accepted: the viewer makes no
 * request elsewhere.
 */

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
