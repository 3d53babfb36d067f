import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePreload, preloadUrl } from '../load/preload-url.ts';
import { contentTypeOf, traceEncodingOf } from './mime.ts';
import { serveViewer, staticPath, type ViewerServer } from './serve-viewer.ts';

const TEXT = 'pymem-trace 1\npython 3.12.1\nm obj 16 7f0000001030\n';
let dir: string;
let app: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET (paths are sent as given: no client-side normalisation of `..`). */
function get(url: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { hostname, port } = new URL(url);
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function withServer(file: string, run: (server: ViewerServer) => Promise<void>) {
  const server = await serveViewer({ file, appDir: app });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pymem-serve-'));
  app = join(dir, 'app');
  mkdirSync(join(app, 'assets'), { recursive: true });
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(app, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(app, 'assets', 'main.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  writeFileSync(join(dir, 'app.pymem.txt'), TEXT);
  writeFileSync(join(dir, 'app.pymem.txt.br'), brotliCompressSync(TEXT));
  writeFileSync(join(dir, 'app.pymem.txt.gz'), gzipSync(TEXT));
  writeFileSync(
    join(dir, 'app.pmt'),
    Buffer.from([0x89, 0x50, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a, 1]),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serveViewer', () => {
  it('serves the app with its content types and a same-origin policy', async () => {
    await withServer(join(dir, 'app.pymem.txt'), async (server) => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?trace=\/trace$/);
      const page = await get(server.url, '/');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.body.toString()).toContain('<title>viewer</title>');
      const script = await get(server.url, '/assets/main.js');
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect((await get(server.url, '/assets/main.css')).headers['content-type']).toBe(
        'text/css; charset=utf-8',
      );
      expect((await get(server.url, '/index.html?x=1')).status).toBe(200);
      expect((await get(server.url, '/nothing.js')).status).toBe(404);
      expect((await get(server.url, '/assets')).status).toBe(404);
      expect((await get(server.url, '/', {}, 'POST')).status).toBe(405);
      expect((await get(server.url, '/', {}, 'HEAD')).body.length).toBe(0);
    });
  });

  it('serves at / a page that opens the recording, without ?trace=', async () => {
    await withServer(join(dir, 'app.pymem.txt'), async (server) => {
      const rootUrl = new URL('/', server.url).href;
      for (const path of ['/', '/index.html']) {
        const html = (await get(server.url, path)).body.toString();
        expect(html).toContain('<title>viewer</title>');
        // What the page's own code (pagePreload, then preloadUrl) will load.
        const content = /<meta name="pymem-trace" content="([^"]*)" \/>/.exec(html)?.[1] ?? null;
        const page = { querySelector: () => ({ getAttribute: () => content }) };
        const preload = pagePreload('', page);
        expect(preload).toBe('/trace');
        const url = preloadUrl(preload!, rootUrl);
        expect(String(url)).toBe(new URL('/trace', server.url).href);
        const trace = await get(server.url, (url as URL).pathname);
        expect(trace.body.toString()).toBe(TEXT);
      }
      const head = await get(server.url, '/', {}, 'HEAD');
      expect(head.headers['content-length']).toBe(String((await get(server.url, '/')).body.length));
    });
  });

  it('never serves a file outside the app', async () => {
    await withServer(join(dir, 'app.pymem.txt'), async (server) => {
      for (const path of [
        '/../secret.txt',
        '/assets/../../secret.txt',
        '/%2e%2e/secret.txt',
        '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
        '/..%5csecret.txt',
        '/%00',
        '/%E0%A4%A',
        `/${join(dir, 'secret.txt')}`,
      ]) {
        const reply = await get(server.url, path);
        expect(reply.status, path).not.toBe(200);
        expect(reply.body.toString()).not.toContain('secret');
      }
    });
  });

  it('serves the recording at /trace by what it holds', async () => {
    await withServer(join(dir, 'app.pymem.txt'), async (server) => {
      const reply = await get(server.url, '/trace');
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.headers['content-length']).toBe(String(TEXT.length));
      expect(reply.headers['content-disposition']).toContain('filename="app.pymem.txt"');
      expect(reply.body.toString()).toBe(TEXT);
    });
    await withServer(join(dir, 'app.pymem.txt.br'), async (server) => {
      const reply = await get(server.url, '/trace');
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.headers['content-disposition']).toContain('filename="app.pymem.txt"');
      expect(reply.body.toString()).toBe(TEXT);
    });
    await withServer(join(dir, 'app.pymem.txt.gz'), async (server) => {
      const reply = await get(server.url, '/trace');
      expect(reply.headers['content-type']).toBe('application/gzip');
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.body).toEqual(gzipSync(TEXT));
    });
    await withServer(join(dir, 'app.pmt'), async (server) => {
      const reply = await get(server.url, '/trace');
      expect(reply.headers['content-type']).toBe('application/octet-stream');
    });
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    await withServer(join(dir, 'app.pymem.txt'), async (server) => {
      const port = new URL(server.url).port;
      expect((await get(server.url, '/trace', { Host: `evil.example:${port}` })).status).toBe(403);
      expect((await get(server.url, '/trace', { Host: `localhost:${port}` })).status).toBe(200);
    });
  });

  it('says what is missing', async () => {
    await expect(serveViewer({ file: join(dir, 'nope.txt'), appDir: app })).rejects.toThrow(
      /nope\.txt: no such file/,
    );
    await expect(serveViewer({ file: dir, appDir: app })).rejects.toThrow(/not a regular file/);
    await expect(
      serveViewer({ file: join(dir, 'app.pymem.txt'), appDir: join(dir, 'none') }),
    ).rejects.toThrow(/the viewer app is not built .*: run pnpm build/);
  });
});

describe('staticPath and content types', () => {
  it('resolves inside the root only', () => {
    expect(staticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(staticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(staticPath('/srv/app', '/../x')).toBeNull();
    expect(staticPath('/srv/app', '/%2e%2e/x')).toBeNull();
    expect(staticPath('/srv/app', '/a%5c..%5cx')).toBeNull();
    expect(staticPath('/srv/app', '/%')).toBeNull();
  });

  it('knows the types of the built app and of recordings', () => {
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('noext')).toBe('application/octet-stream');
    const text = new TextEncoder().encode('pymem-trace 1\n');
    expect(traceEncodingOf(text, 'x.br')).toBe('text');
    expect(traceEncodingOf(Uint8Array.of(1, 2, 3), 'x.br')).toBe('brotli');
    expect(traceEncodingOf(Uint8Array.of(0x1f, 0x8b, 8), 'x')).toBe('gzip');
  });
});
