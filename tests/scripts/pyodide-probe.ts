/**
 * Runs a probe script inside Pyodide (CPython 3.14 on wasm32, 4-byte pointers) in this
 * Node process: the source is executed as a module, then `expression` is evaluated and
 * its JSON text returned. Returns null (after a loud notice on stderr) when the
 * `pyodide` package cannot be loaded.
 */
import { readFileSync } from 'node:fs';

/** Loads Pyodide once, runs `scriptPath`'s source, and returns `json.dumps(expression)` parsed. */
export async function runInPyodide<T>(
  scriptPath: string,
  setup: Record<string, unknown>,
  expression: string,
): Promise<T | null> {
  let loadPyodide: (options?: object) => Promise<PyodideLike>;
  try {
    ({ loadPyodide } = (await import('pyodide')) as unknown as {
      loadPyodide: (options?: object) => Promise<PyodideLike>;
    });
  } catch (error) {
    process.stderr.write(
      `\n*** LIVE CHECK SKIPPED: Pyodide (CPython 3.14, wasm32) did not load: ${(error as Error).message}\n\n`,
    );
    return null;
  }
  const pyodide = await loadPyodide();
  pyodide.setStdout({ batched: () => {} });
  const namespace = pyodide.toPy({});
  for (const [name, value] of Object.entries(setup)) namespace.set(name, JSON.stringify(value));
  pyodide.runPython(
    readFileSync(scriptPath, 'utf8').replace("if __name__ == '__main__':", 'if False:'),
    {
      globals: namespace,
    },
  );
  const text = pyodide.runPython(`import json\njson.dumps(${expression})`, { globals: namespace });
  return JSON.parse(String(text)) as T;
}

interface PyodideLike {
  setStdout(options: { batched: (text: string) => void }): void;
  toPy(value: object): { set(name: string, value: unknown): void };
  runPython(code: string, options?: { globals?: unknown }): unknown;
}

/** Runs `source` in a fresh Pyodide and returns what it wrote to stderr; null when Pyodide cannot load. */
export async function pyodideStderr(source: string): Promise<string[] | null> {
  let loadPyodide: (
    options?: object,
  ) => Promise<PyodideLike & { setStderr(o: { batched: (t: string) => void }): void }>;
  try {
    ({ loadPyodide } = (await import('pyodide')) as unknown as { loadPyodide: typeof loadPyodide });
  } catch (error) {
    process.stderr.write(
      `\n*** LIVE CHECK SKIPPED: Pyodide (CPython 3.14, wasm32) did not load: ${(error as Error).message}\n\n`,
    );
    return null;
  }
  const pyodide = await loadPyodide();
  const lines: string[] = [];
  pyodide.setStdout({ batched: () => {} });
  pyodide.setStderr({ batched: (text) => lines.push(text) });
  pyodide.runPython(source);
  return lines;
}
