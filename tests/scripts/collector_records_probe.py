"""Asks a real CPython what gc.callbacks reports for two collections of a small graph.

Run as `python collector_records_probe.py`; the last stdout line is one JSON object:
  version  the interpreter's version
  events   [phase, generation, collected, uncollectable] per callback call
The graph (a two-list cycle, a dict that holds itself, a reachable self-cycle) is
mirrored exactly by tests/model-trace.test.ts, which compares these numbers with the
start and stop records of the model's collector.
"""
import gc
import json
import sys


def run():
    gc.disable()
    gc.collect()
    gc.collect()
    events = []

    def callback(phase, info):
        events.append([phase, info['generation'], info['collected'], info['uncollectable']])

    a = []
    b = [a]
    a.append(b)
    d = {}
    d['self'] = d
    keep = []
    keep.append(keep)
    del a, b, d
    gc.callbacks.append(callback)
    try:
        gc.collect(2)
        gc.collect(0)
    finally:
        gc.callbacks.remove(callback)
    return events


def probe():
    return {'version': '%d.%d.%d' % sys.version_info[:3], 'events': run()}


if __name__ == '__main__':
    print(json.dumps(probe()))
