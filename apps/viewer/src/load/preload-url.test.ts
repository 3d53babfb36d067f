import { describe, expect, it } from 'vitest';
import { type PreloadPage, pagePreload, preloadName, preloadUrl } from './preload-url.ts';

/** A page whose only element is `<meta name="pymem-trace" content=…>` (or none). */
function pageWithMeta(content: string | null): PreloadPage {
  return {
    querySelector: (selectors) =>
      content !== null && selectors === 'meta[name="pymem-trace"]'
        ? { getAttribute: (name) => (name === 'content' ? content : null) }
        : null,
  };
}

describe('pagePreload', () => {
  it('takes ?trace= first, then the meta the served page carries', () => {
    expect(pagePreload('?trace=/a.pmt', pageWithMeta('/trace'))).toBe('/a.pmt');
    expect(pagePreload('', pageWithMeta('/trace'))).toBe('/trace');
    expect(pagePreload('?trace=', pageWithMeta('/trace'))).toBe('/trace');
    expect(pagePreload('?other=1', pageWithMeta(null))).toBeNull();
    expect(pagePreload('', pageWithMeta(''))).toBeNull();
  });
});

describe('preloadUrl', () => {
  const base = 'http://127.0.0.1:4173/?trace=/trace';
  it('accepts same-origin paths and URLs', () => {
    expect(String(preloadUrl('/trace', base))).toBe('http://127.0.0.1:4173/trace');
    expect(String(preloadUrl('files/a%20b.pmt', base))).toBe(
      'http://127.0.0.1:4173/files/a%20b.pmt',
    );
    expect(String(preloadUrl('http://127.0.0.1:4173/x', base))).toBe('http://127.0.0.1:4173/x');
  });

  it('refuses other origins', () => {
    for (const value of [
      'http://example.com/trace',
      '//example.com/trace',
      'http://127.0.0.1:9999/trace',
      'https://127.0.0.1:4173/trace',
      'data:text/plain,pymem-trace 1',
    ]) {
      expect(preloadUrl(value, base)).toMatch(/refusing to load a trace from another origin$/);
    }
    expect(preloadUrl('http://[', base)).toBe('?trace=http://[: not a URL');
  });

  it('names the file by the last path segment', () => {
    expect(preloadName(new URL('http://h/files/a%20b.pmt'))).toBe('a b.pmt');
    expect(preloadName(new URL('http://h/'))).toBe('trace');
    expect(preloadName(new URL('http://h/%E0%A4%A'))).toBe('%E0%A4%A');
  });
});
