/**
 * Runs the `pymem run` differential programs in Pyodide (CPython 3.14 on wasm32,
 * 4-byte pointers, no pymalloc), as `python NAME.py` would from their directory: each
 * program's source written to Pyodide's file system (tracebacks show its lines), run as
 * `__main__` with fresh globals, its stdout and stderr captured, an uncaught exception
 * printed as CPython prints it at exit (without the runner's own frame).
 *
 * One Pyodide serves every program (a fresh one takes seconds): before each, the gc
 * module's state is put back to Pyodide's start-up state (thresholds, enabled) and a
 * full collection clears what the previous program left. Returns null (after a loud
 * notice) when Pyodide cannot load.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What a program printed and how it ended. */
export interface PyodideOutput {
  readonly stdout: string;
  readonly status: number;
  /** Standard error, the programs' directory shown as the placeholder given (or '' unless kept). */
  readonly stderr: string;
}

/** Where the programs sit in Pyodide's file system (shown as `<DIR>` in tracebacks). */
const PYODIDE_DIR = '/programs';

const RUNNER = `
import gc as _gc, io as _io, sys as _sys, traceback as _traceback, warnings as _warnings
_warnings.simplefilter('ignore')  # as python -W ignore runs the CPython programs
_start = (_gc.get_threshold(), _gc.isenabled())

def _pymem_run(path):
    _gc.set_threshold(*_start[0])
    _gc.enable() if _start[1] else _gc.disable()
    _gc.collect()
    out, err = _io.StringIO(), _io.StringIO()
    saved = _sys.stdout, _sys.stderr
    _sys.stdout, _sys.stderr = out, err
    status = 0
    try:
        with open(path) as f:
            code = compile(f.read(), path, 'exec')
        exec(code, {'__name__': '__main__', '__file__': path, '__builtins__': __builtins__})
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    except BaseException as e:
        status = 1
        _traceback.print_exception(type(e), e, e.__traceback__.tb_next, file=err)
    finally:
        _sys.stdout, _sys.stderr = saved
    return [out.getvalue(), err.getvalue(), status]

def _pymem_script(script, path):
    _gc.set_threshold(*_start[0])
    _gc.enable() if _start[1] else _gc.disable()
    _gc.collect()
    out = _io.StringIO()
    saved = _sys.stdout, _sys.argv
    _sys.stdout, _sys.argv = out, [script, path]
    try:
        with open(script) as f:
            code = compile(f.read(), script, 'exec')
        exec(code, {'__name__': '__main__', '__file__': script, '__builtins__': __builtins__})
    finally:
        _sys.stdout, _sys.argv = saved
    return out.getvalue()
`;

interface Pyodide {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  runPython(code: string): unknown;
  globals: {
    get(name: '_pymem_run'): (path: string) => { toJs(): [string, string, number] };
    get(name: '_pymem_script'): (script: string, path: string) => string;
  };
  version: string;
}

/** The Pyodide build's CPython version as the fixture names it, e.g. `3.14.2-wasm32`. */
export interface PyodideRun {
  readonly version: string;
  /** Runs one program (`dir/file`); stderr kept (its directory shown as `placeholder`) when asked. */
  run(dir: string, file: string, keepStderr: boolean, placeholder: string): PyodideOutput;
  /** Runs the Python script `script` (a path here) as `python SCRIPT FILE` would, for `dir/file`; its stdout. */
  runScript(script: string, dir: string, file: string): string;
}

/** Loads Pyodide once and returns a runner, or null when it cannot load. */
export async function startPyodide(): Promise<PyodideRun | null> {
  let pyodide: Pyodide;
  try {
    const { loadPyodide } = (await import('pyodide')) as unknown as {
      loadPyodide: () => Promise<Pyodide>;
    };
    pyodide = await loadPyodide();
  } catch (error) {
    process.stderr.write(
      `\n*** LIVE CHECK SKIPPED: Pyodide (CPython 3.14, wasm32) did not load: ${(error as Error).message}\n\n`,
    );
    return null;
  }
  pyodide.FS.mkdirTree(PYODIDE_DIR);
  pyodide.runPython(RUNNER);
  const python = String(pyodide.runPython('import sys\nsys.version.split()[0]'));
  const runner = pyodide.globals.get('_pymem_run');
  const scriptRunner = pyodide.globals.get('_pymem_script');
  return {
    version: `${python}-wasm32`,
    run(dir, file, keepStderr, placeholder) {
      const path = `${PYODIDE_DIR}/${file}`;
      pyodide.FS.writeFile(path, readFileSync(join(dir, file), 'utf8'));
      const [stdout, stderr, status] = runner(path).toJs();
      return {
        stdout,
        status,
        stderr: keepStderr ? stderr.split(`${PYODIDE_DIR}/`).join(`${placeholder}/`) : '',
      };
    },
    runScript(script, dir, file) {
      const path = `${PYODIDE_DIR}/${file}`;
      pyodide.FS.writeFile(path, readFileSync(join(dir, file), 'utf8'));
      const scriptPath = `${PYODIDE_DIR}/${basename(script)}`;
      pyodide.FS.writeFile(scriptPath, readFileSync(script, 'utf8'));
      return scriptRunner(scriptPath, path);
    },
  };
}
