import { spawnSync } from 'node:child_process';

/** Thrown when a probe script fails or prints something that is not JSON. */
export class ProbeError extends Error {
  /** Stable error code. */
  readonly code = 'probe-failed' as const;
}

/** Options for {@link runProbe}. */
export interface ProbeOptions {
  /** Arguments after the script. */
  readonly args?: readonly string[];
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the probe is killed (default 120 s). */
  readonly timeoutMs?: number;
}

/**
 * Runs a Python probe script (`file` is a path) under `python` and parses the JSON
 * object its last stdout line holds.
 *
 * @throws ProbeError with the interpreter's stderr when it exits non-zero, times out
 *   or prints no JSON.
 */
export function runProbe<T = unknown>(python: string, file: string, options: ProbeOptions = {}): T {
  const result = spawnSync(python, [file, ...(options.args ?? [])], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new ProbeError(`${python} ${file}: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = result.stderr.trim().split('\n').slice(-3).join(' | ');
    throw new ProbeError(`${python} ${file} exited ${result.status}: ${detail}`);
  }
  const lines = result.stdout.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new ProbeError(
      `${python} ${file} printed no JSON on its last line: ${last.slice(0, 80)}`,
    );
  }
}
