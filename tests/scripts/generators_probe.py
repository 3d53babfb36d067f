"""Generators, coroutines and frames, measured: the steps given as JSON run one by one,
each compiled under its own file name, with tracemalloc on. Run as
`python generators_probe.py SPEC.json`, or import and call `measure(spec)` (the Pyodide
runner does). Prints (the last stdout line) JSON: per step, the request sizes of the
blocks it allocated that are still alive at the end ("live") and its code's
co_stacksize ("stacks"); per reported name sys.getsizeof, gc.is_tracked and
sys.getrefcount ("objects"); the shape of each function the steps call ("shapes":
co_nlocals, cells, frees, co_stacksize, co_flags). Before tracing, `fill(400)` recurses
401 deep so that 3.8-3.10's frame free list holds 200 frames of fill's size (the model
does the same) and the list and 1-tuple free lists are filled.
"""
import gc
import json
import sys
import tracemalloc

PRELUDE = '''
import sys
def fill(n):
    return fill(n - 1) if n else 0
def g1(a, b):
    yield a
    yield b
def big(a, b, c, d, e, f, g, h):
    yield a
def gcell(a):
    c = a
    def inner():
        return c
    yield inner
async def co(a):
    return a
def getf(a):
    return sys._getframe()
def mk(a):
    try:
        raise ValueError(a)
    except ValueError as err:
        return err
def cyc(a):
    try:
        raise ValueError(a)
    except ValueError as err:
        keep = err
    return keep
def inner(a):
    raise ValueError(a)
def outer(a):
    try:
        inner(a)
    except ValueError as err:
        return err
def gerr(a):
    yield a
    raise ValueError(a)
def chain(a):
    try:
        raise ValueError(a)
    except ValueError:
        raise KeyError(a)
x = [1]
fill(400)
'''
FUNCTIONS = ['fill', 'g1', 'big', 'gcell', 'co', 'getf', 'mk', 'cyc', 'inner', 'outer', 'chain', 'gerr']


def measure(spec):
    if isinstance(spec, str):
        spec = json.loads(spec)
    steps = spec['steps']
    ns = {name: None for name in spec['names']}
    _fill = [[] for _ in range(200)] + [(i,) for i in range(3000)]
    del _fill
    exec(compile(PRELUDE, '<prelude>', 'exec'), ns)
    shapes = {}
    for name in FUNCTIONS:
        code = ns[name].__code__
        shapes[name] = [code.co_nlocals, len(code.co_cellvars), len(code.co_freevars),
                        code.co_stacksize, code.co_flags]
    gc.disable()
    codes = [compile(src, '<step-%d>' % i, 'exec') for i, src in enumerate(steps)]
    tracemalloc.start(25)
    for code in codes:
        exec(code, ns)
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    live = [[] for _ in steps]
    for trace in snap.traces:
        for frame in trace.traceback:
            if frame.filename.startswith('<step-'):
                live[int(frame.filename[6:-1])].append(trace.size)
                break
    objects = {}
    for name in spec['report']:
        value = ns.get(name)
        if value is None:
            continue
        objects[name] = {
            'size': sys.getsizeof(value),
            'tracked': gc.is_tracked(value),
            'refs': sys.getrefcount(value) - 1,
        }
        del value
    gc.enable()
    return {
        'version': sys.version.split()[0],
        'pointer': 8 if sys.maxsize > 2**32 else 4,
        'live': [sorted(sizes) for sizes in live],
        'stacks': [code.co_stacksize for code in codes],
        'objects': objects,
        'shapes': shapes,
    }


if __name__ == '__main__':
    with open(sys.argv[1]) as spec_file:
        print(json.dumps(measure(json.load(spec_file))))
