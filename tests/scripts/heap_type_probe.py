"""A class statement's heap type in a real CPython, for pymem's mortal classes.

Run as `python heap_type_probe.py`; the last stdout line is one JSON object:
{"version", "sizes": {"type", "dict", "mro", "bases", "getset"}, "new": [...]}:
sys.getsizeof of `class C: pass` and of its parts (its dict read through
gc.get_referents, as C.__dict__ is a proxy), and the sizes of the blocks tracemalloc
traces as newly allocated and still live after the class statement (sorted) — among
them the type object's block and its cached keys table.
The function making the class runs once beforehand (code constants, zombie frame).
"""
import gc
import json
import sys
import tracemalloc


def make():
    class C:
        pass
    return C


def run():
    gc.disable()
    make()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    cls = make()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    old = {}
    for trace in before.traces:
        key = (trace.size, trace.traceback)
        old[key] = old.get(key, 0) + 1
    new = []
    for trace in after.traces:
        key = (trace.size, trace.traceback)
        if old.get(key, 0) > 0:
            old[key] -= 1
        else:
            new.append(trace.size)
    d = [r for r in gc.get_referents(cls) if type(r) is dict][0]
    sizes = {
        'type': sys.getsizeof(cls),
        'dict': sys.getsizeof(d),
        'mro': sys.getsizeof(cls.__mro__),
        'bases': sys.getsizeof(cls.__bases__),
        'getset': sys.getsizeof(d['__dict__']),
    }
    gc.enable()
    return {'version': sys.version.split()[0], 'sizes': sizes, 'new': sorted(new)}


if __name__ == '__main__':
    print(json.dumps(run()))
