/**
 * The server behind `pymem view FILE`: the built viewer app and one recording, over
 * plain node:http on the loopback interface.
 *
 *   GET /                 the app (dist/app/index.html), naming /trace in a
 *                         <meta name="pymem-trace"> (preload-meta.ts): the root
 *                         URL opens the recording
 *   GET /assets/…         the app's files (no path outside dist/app is ever served)
 *   GET /trace            the recording: text and .pmt as they are, gzip as gzip
 *                         (the page inflates it), brotli decompressed here to text
 *
 * The page opens the recording that `?trace=` or that meta names (the printed URL
 * says `/?trace=/trace`), and fetches it from the same origin.
 * Requests whose Host header names another host are refused (DNS rebinding), and
 * every response carries a Content-Security-Policy limiting the page to its origin.
 */
import { createReadStream, existsSync } from 'node:fs';
import { open, readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { contentTypeOf, type TraceEncoding, traceContentType, traceEncodingOf } from './mime.ts';
import { PRELOAD_META_NAME, SNIPPET_META_NAME, withPreloadMeta } from './preload-meta.ts';

/** Options of {@link serveViewer}. */
export interface ServeViewerOptions {
  /**
   * The recording to serve at {@link TRACE_PATH} — or a Python script (`.py`), which the
   * page opens on its snippet view, ready to run on the model.
   */
  readonly file: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** The built app; defaults to this package's dist/app. */
  readonly appDir?: string;
}

/** A running viewer server. */
export interface ViewerServer {
  /** The page to open: `http://127.0.0.1:<port>/?trace=/trace`. */
  readonly url: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Where the recording is served. */
export const TRACE_PATH = '/trace';

/** Why the server cannot start (missing recording, app not built). */
export class ViewerServerError extends Error {
  override readonly name = 'ViewerServerError';
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'; " +
    "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/** The built app: this package's dist/app, from src/server or dist/server. */
export function defaultAppDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', 'app'), join(here, '..', '..', 'dist', 'app')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[1]!;
}

/**
 * The file under `root` that URL path `pathname` names, or null when it would lie
 * outside `root` (or is malformed). `/` is index.html.
 */
export function staticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((part) => part === '..')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(root, relative);
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** A safe `filename` for Content-Disposition (ASCII fallback plus RFC 5987 form). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function send(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Starts the viewer's server for one recording. */
export async function serveViewer(options: ServeViewerOptions): Promise<ViewerServer> {
  const host = options.host ?? '127.0.0.1';
  const tracePath = resolve(options.file);
  let traceInfo: Awaited<ReturnType<typeof stat>>;
  try {
    traceInfo = await stat(tracePath);
  } catch {
    throw new ViewerServerError(`${options.file}: no such file`);
  }
  if (!traceInfo.isFile()) throw new ViewerServerError(`${options.file}: not a regular file`);
  const appDir = options.appDir ?? defaultAppDir();
  if (!existsSync(join(appDir, 'index.html'))) {
    throw new ViewerServerError(
      `the viewer app is not built (no ${join(appDir, 'index.html')}): run pnpm build`,
    );
  }
  const root = await realpath(appDir);
  const index = join(root, 'index.html');
  const snippet = /\.py$/i.test(tracePath);
  const encoding: TraceEncoding = snippet
    ? 'text'
    : traceEncodingOf(await readHead(tracePath), tracePath);
  const traceName =
    encoding === 'brotli' ? basename(tracePath).replace(/\.br$/i, '') : basename(tracePath);

  const serveTrace = (request: IncomingMessage, response: ServerResponse) => {
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': snippet ? 'text/x-python; charset=utf-8' : traceContentType(encoding),
      'Content-Disposition': disposition(traceName),
    };
    if (encoding !== 'brotli') headers['Content-Length'] = String(traceInfo.size);
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const source = createReadStream(tracePath, { highWaterMark: 1 << 20 });
    const body = encoding === 'brotli' ? source.pipe(createBrotliDecompress()) : source;
    const fail = () => response.destroy();
    source.on('error', fail);
    body.on('error', fail);
    body.pipe(response);
  };

  const serveStatic = async (
    pathname: string,
    request: IncomingMessage,
    response: ServerResponse,
  ) => {
    const path = staticPath(root, pathname);
    if (path === null) return send(response, 404, 'not found\n');
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return send(response, 404, 'not found\n');
    }
    if (!real.startsWith(root + sep)) return send(response, 404, 'not found\n');
    const info = await stat(real);
    if (!info.isFile()) return send(response, 404, 'not found\n');
    if (path === index) {
      // Node sends no body for HEAD.
      const page = withPreloadMeta(
        await readFile(real, 'utf8'),
        TRACE_PATH,
        snippet ? SNIPPET_META_NAME : PRELOAD_META_NAME,
      );
      return send(response, 200, page, { 'Content-Type': contentTypeOf(real) });
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(real),
      'Content-Length': String(info.size),
    });
    if (request.method === 'HEAD') return response.end();
    const stream = createReadStream(real);
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  };

  let allowedHosts: Set<string> | null = null;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    if (allowedHosts && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      return send(response, 403, 'forbidden host\n');
    }
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    } catch {
      return send(response, 400, 'bad request\n');
    }
    if (pathname === TRACE_PATH) return serveTrace(request, response);
    serveStatic(pathname, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'internal error\n');
      else response.destroy();
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  if (!wildcard) {
    allowedHosts = new Set(
      [shown, '127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`.toLowerCase()),
    );
  }
  return {
    url: `http://${shown}:${port}/?trace=${TRACE_PATH}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
