import { describe, expect, it } from 'vitest';
import { PRELOAD_META_NAME, withPreloadMeta } from './preload-meta.ts';

describe('withPreloadMeta', () => {
  it('puts the meta last in the head', () => {
    expect(
      withPreloadMeta('<!doctype html><html><head><title>v</title></head><body></body>', '/trace'),
    ).toBe(
      '<!doctype html><html><head><title>v</title><meta name="pymem-trace" content="/trace" />\n</head><body></body>',
    );
    expect(withPreloadMeta('<HEAD></HEAD >', '/t')).toBe(
      '<HEAD><meta name="pymem-trace" content="/t" />\n</HEAD >',
    );
  });

  it('puts it right after the doctype (or first) when there is no head element', () => {
    expect(withPreloadMeta('<!doctype html><title>v</title>', '/trace')).toBe(
      '<!doctype html><meta name="pymem-trace" content="/trace" /><title>v</title>',
    );
    expect(withPreloadMeta('<p>x', '/trace')).toBe(
      '<meta name="pymem-trace" content="/trace" /><p>x',
    );
  });

  it('escapes the URL for the attribute', () => {
    expect(withPreloadMeta('', '/a"b<c>&d')).toBe(
      `<meta name="${PRELOAD_META_NAME}" content="/a&quot;b&lt;c&gt;&amp;d" />`,
    );
  });
});
