"""Asks a real CPython for ob_refcnt of one str as references to it come and go.

Run as `python refcount_probe.py`; the last stdout line is one JSON object:
  version  the interpreter's version
  counts   sys.getrefcount(s) after each step of `trajectory` (the call's own
           reference included where the interpreter adds one: before 3.14)
The steps are mirrored exactly by tests/model-trace.test.ts, which compares them with
the reference counts the model's refcount records carry.
"""
import json
import sys


def trajectory():
    counts = []
    s = ''.join(['hello', ' world'])  # a new str, referenced once (by s)
    counts.append(sys.getrefcount(s))
    l = [s]
    counts.append(sys.getrefcount(s))
    l.append(s)
    counts.append(sys.getrefcount(s))
    t = (s, s)
    counts.append(sys.getrefcount(s))
    d = {'key': s}
    counts.append(sys.getrefcount(s))
    del l
    counts.append(sys.getrefcount(s))
    del t
    counts.append(sys.getrefcount(s))
    del d
    counts.append(sys.getrefcount(s))
    return counts


def probe():
    return {'version': '%d.%d.%d' % sys.version_info[:3], 'counts': trajectory()}


if __name__ == '__main__':
    print(json.dumps(probe()))
