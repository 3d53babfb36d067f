/**
 * `pymem view FILE [--port N]`: serves the browser viewer on 127.0.0.1 with FILE
 * preloaded — a recording, or a `.py` script opened on the snippet page — prints its
 * URL, and runs until interrupted (Ctrl+C).
 */
import { serveViewer, ViewerServerError } from '@pymem/viewer/server';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';

/** Options of `pymem view`. */
export interface ViewOptions {
  /** Port to listen on, 0 to 65535 (main.ts parses `--port`); 0 or absent: a free one. */
  readonly port?: number;
  /** Resolves when the server should stop (tests); default: SIGINT or SIGTERM. */
  readonly until?: Promise<unknown>;
}

/** Runs the command; returns the exit status once the server has stopped. */
export async function viewCommand(io: Io, file: string, options: ViewOptions): Promise<number> {
  const port = options.port ?? 0;
  let server: Awaited<ReturnType<typeof serveViewer>>;
  try {
    server = await serveViewer({ file, port });
  } catch (error) {
    if (error instanceof ViewerServerError) throw new CliError('bad-input', error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(
        'bad-input',
        `port ${port} is in use: choose another --port or leave it out`,
      );
    }
    throw error;
  }
  io.err(`pymem: viewing ${file} at ${server.url} (Ctrl+C stops)\n`);
  io.out(`${server.url}\n`);
  await (options.until ??
    new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  await server.close();
  return 0;
}
