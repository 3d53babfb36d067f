"""Asks CPython 3.14.0-3.14.4 what its incremental cycle collector does (pymem's truth
for @pymem/gc's IncrementalCollector). Runs in Pyodide (CPython 3.14.2, wasm32).

Run as `python gc_incremental_probe.py`; the last stdout line is one JSON object:
  version      "3.14.2"
  threshold    gc.get_threshold() by default, after set_threshold(2000, 10, 5) and
               after set_threshold(1500)
  statsLength  len(gc.get_stats())
  infoKeys     the keys of the callbacks' info dict, per generation 0, 1, 2
  debugStats   DEBUG_STATS text of gc.collect(0), (1), (2), numbers masked
  scenarios    name -> flat list of integers: collect() results, get_count() and
               get_stats() (as differences from the scenario's start), in program order

Every scenario starts with gc.collect() then gc.freeze(): the interpreter's own objects
go to the permanent generation, so the young list and both old spaces hold only what
the scenario makes, and the results do not depend on the size of the interpreter.
Scenario objects live in the frozen dict G (never in a frame's locals while the
collector runs, since increments mark what frames hold); results go to an array of
C longs (not a GC object). tests/gc-incremental.live.test.ts mirrors every object.
"""
import array
import contextlib
import gc
import io
import json
import re
import sys
import weakref


class Instance:
    pass


G = {}
OUT = array.array('q')
N = array.array('q', [0])
BASE = array.array('q', [0] * 9)


def flat_stats():
    return [value for entry in gc.get_stats()
            for value in (entry['collections'], entry['collected'], entry['uncollectable'])]


def fresh():
    gc.disable()
    gc.collect()
    gc.freeze()
    del OUT[:]
    BASE[:] = array.array('q', flat_stats())


def count():
    """Records gc.get_count()."""
    OUT.extend(gc.get_count())


def stats():
    """Records gc.get_stats() (collections, collected, uncollectable per generation)
    as differences from the scenario's start."""
    OUT.extend([value - base for value, base in zip(flat_stats(), BASE)])


def pair(key):
    """Two instances referring to each other, the first one bound to G[key]."""
    a = Instance()
    b = Instance()
    a.b = b
    b.a = a
    G[key] = a


def young():
    """Young collections: garbage found in young only; survivors leave it."""
    fresh()
    stats()
    for _ in range(3):
        pair('p')
        del G['p']
    count()
    OUT.append(gc.collect(0))
    count()
    pair('k')
    OUT.append(gc.collect(0))
    count()
    del G['k']
    OUT.append(gc.collect(0))
    count()
    OUT.append(gc.collect(2))
    count()
    stats()
    return list(OUT)


def increments():
    """gc.collect(1) steps with nothing new, then with ten new objects."""
    fresh()
    stats()
    pair('k')
    OUT.append(gc.collect(0))
    count()
    del G['k']
    for _ in range(6):
        OUT.append(gc.collect(1))
        count()
        stats()
    G['keep'] = []
    for _ in range(10):
        G['keep'].append(Instance())
    count()
    OUT.append(gc.collect(1))
    count()
    stats()
    del G['keep']
    OUT.append(gc.collect(2))
    count()
    stats()
    return list(OUT)


def garbage_pairs(count_):
    G['L'] = []
    for _ in range(count_):
        pair('p')
        G['L'].append(G.pop('p'))


def budget():
    """How much of the pending space each increment scans, as new objects vary."""
    fresh()
    stats()
    garbage_pairs(40)
    OUT.append(gc.collect(0))
    del G['L']
    for _ in range(3):
        OUT.append(gc.collect(1))
    count()
    G['new'] = []
    for n in (4, 6, 10, 3, 8, 20, 1, 40, 0, 0):
        for _ in range(n):
            G['new'].append(Instance())
        OUT.append(gc.collect(1))
        count()
    stats()
    del G['new']
    OUT.append(gc.collect(2))
    stats()
    return list(OUT)


def callback(phase, info):
    if phase == 'start':
        OUT.append(info['generation'])
        OUT.extend(gc.get_count())
        OUT.append(N[0])


def automatic(total=9000):
    """Automatic increments while `total` kept instances are made: at each 'start',
    [generation, *get_count(), loop index]."""
    fresh()
    G['keep'] = []
    gc.callbacks.append(callback)
    gc.enable()
    for n in range(total):
        N[0] = n
        G['keep'].append(Instance())
    gc.disable()
    gc.callbacks.remove(callback)
    del G['keep']
    return list(OUT)


class WithDel:
    def __del__(self):
        # 8, then whether the weakref it holds (to its cycle partner) and the outside
        # weakref with a callback are already cleared while finalizers run.
        OUT.extend((8, self.wr() is None, G['cbwr']() is None))


def weakref_callback(wr):
    OUT.append(7)


def weakrefs():
    """A young cycle with a finalizer holding a weakref to its partner, next to a
    self-cycle watched from outside by a weakref with a callback: what collect(0)
    returns, and in which order callback (7) and finalizer (8) see the weakrefs."""
    fresh()
    a = WithDel()
    b = Instance()
    a.b = b
    b.a = a
    a.wr = weakref.ref(b)
    c = Instance()
    c.c = c
    G['cbwr'] = weakref.ref(c, weakref_callback)
    del a, b, c
    OUT.append(gc.collect(0))
    OUT.append(G['cbwr']() is None)
    del G['cbwr']
    return list(OUT)


def freeze():
    """freeze/unfreeze around a young cycle."""
    fresh()
    pair('f')
    del G['f']
    count()
    frozen = gc.get_freeze_count()
    gc.freeze()
    count()
    OUT.append(gc.get_freeze_count() - frozen)
    OUT.append(gc.collect(2))
    OUT.append(gc.collect(0))
    gc.unfreeze()
    OUT.append(gc.get_freeze_count())
    count()
    OUT.append(gc.collect(1))
    OUT.append(gc.collect(2))
    count()
    return list(OUT)


def thresholds():
    out = [list(gc.get_threshold())]
    gc.set_threshold(2000, 10, 5)
    out.append(list(gc.get_threshold()))
    gc.set_threshold(1500)
    out.append(list(gc.get_threshold()))
    gc.set_threshold(2000, 10, 0)
    return out


def info_keys():
    seen = []

    def record(phase, info):
        seen.append([phase, info['generation'], sorted(info)])

    gc.callbacks.append(record)
    for generation in (0, 1, 2):
        gc.collect(generation)
    gc.callbacks.remove(record)
    return seen


def debug_stats():
    texts = []
    for generation in (0, 1, 2):
        buffer = io.StringIO()
        gc.set_debug(gc.DEBUG_STATS)
        with contextlib.redirect_stderr(buffer):
            gc.collect(generation)
        gc.set_debug(0)
        texts.append(re.sub(r'\d+(\.\d+)?', lambda m: 'F' if m.group(1) else 'N',
                            buffer.getvalue()))
    return texts


def run():
    result = {
        'version': '%d.%d.%d' % sys.version_info[:3],
        'threshold': thresholds(),
        'statsLength': len(gc.get_stats()),
        'infoKeys': info_keys(),
        'debugStats': debug_stats(),
        'scenarios': {},
    }
    for scenario in (young, increments, budget, automatic, weakrefs, freeze):
        result['scenarios'][scenario.__name__] = scenario()
    gc.enable()
    return result


if __name__ == '__main__':
    print(json.dumps(run()))
