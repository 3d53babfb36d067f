"""When does CPython collect on its own? (pymem's automatic-collection truth.)

Run as `python gc_auto_probe.py PRE N`: keeps PRE plain instances alive, runs a full
collection (so gen2 holds them: long_lived_total), then allocates N more instances,
keeping each, with automatic collection on. Every collection's "start" callback logs
[generation, gc.get_count(), n] where n is the loop index of the allocation it followed.
The last stdout line is JSON: {"version", "threshold", "total", "countBefore", "log"}.
tests/gc.live.test.ts replays the same allocations on the model.
"""
import gc
import json
import sys


class Instance:
    pass


def main(pre, count):
    keep = [Instance() for _ in range(pre)]
    gc.collect()
    total = len(gc.get_objects(2))
    log = []
    n = -1

    def callback(phase, info):
        if phase == 'start':
            log.append([info['generation'], list(gc.get_count()), n])

    gc.callbacks.append(callback)
    before = list(gc.get_count())
    for n in range(count):
        keep.append(Instance())
    gc.callbacks.remove(callback)
    print(json.dumps({
        'version': '%d.%d.%d' % sys.version_info[:3],
        'threshold': list(gc.get_threshold()),
        'total': total,
        'countBefore': before,
        'log': log,
    }))


if __name__ == '__main__':
    main(int(sys.argv[1]), int(sys.argv[2]))
