"""Asks a real CPython what its cycle collector does (pymem's gc truth).

Run as `python gc_probe.py`; the last stdout line is one JSON object:
  api        defaults: thresholds, flags, get_stats() shape, callback info keys
  errors     [call, exception type, message] for bad arguments to the gc module
  scenarios  for each small program: what gc.collect() returned and what it left
  counts     gc.get_count() as N tracked instances are created and then dropped
  debugStats the DEBUG_STATS text of one full collection, numbers masked
Each scenario starts from a clean heap (gc.collect()) with automatic collection off,
builds a graph of lists/dicts/tuples/instances, drops it and collects. The objects
each scenario builds are mirrored exactly by tests/gc.live.test.ts.
"""
import contextlib
import gc
import io
import json
import re
import sys
import weakref


class Instance:
    pass


def clean():
    gc.collect()
    gc.collect()


def scenario_self_list():
    a = []
    a.append(a)
    del a
    return {'collected': gc.collect()}


def scenario_ten_list_pairs():
    for _ in range(10):
        a = []
        b = [a]
        a.append(b)
    del a, b
    return {'collected': gc.collect()}


def scenario_list_tuple_cycle():
    a = []
    t = (a,)
    a.append(t)
    del a, t
    return {'collected': gc.collect()}


def scenario_dict_self():
    d = {}
    d['self'] = d
    del d
    return {'collected': gc.collect()}


def scenario_ten_instance_pairs():
    for _ in range(10):
        x = Instance()
        y = Instance()
        x.other = y
        y.other = x
    del x, y
    return {'collected': gc.collect()}


def scenario_young_only():
    # A cycle that survives a gen0 collection lands in gen1; collecting gen0 again
    # does not see it, collecting gen1 does.
    a = []
    a.append(a)
    del a
    # the cycle is garbage already, but collect(0) frees it: report that, then build
    # one that survives into gen1 because something outside holds it.
    first = gc.collect(0)
    holder = [[]]
    holder[0].append(holder[0])
    survivor = gc.collect(0)
    del holder[0]
    again0 = gc.collect(0)
    gen1 = gc.collect(1)
    return {'first': first, 'survivor': survivor, 'again0': again0, 'gen1': gen1}


def scenario_tuple_untracking():
    t = tuple([1, 2, 3])
    inner = tuple([4, 5])
    outer = tuple([inner, 'x'])
    holds_list = tuple([[], 1])
    before = [gc.is_tracked(t), gc.is_tracked(outer), gc.is_tracked(holds_list)]
    gc.collect()
    after = [gc.is_tracked(t), gc.is_tracked(inner), gc.is_tracked(outer),
             gc.is_tracked(holds_list)]
    return {'before': before, 'after': after}


def scenario_dict_tracking():
    d = {}
    empty = gc.is_tracked(d)
    d['a'] = 1
    ints = gc.is_tracked(d)
    d['b'] = []
    with_list = gc.is_tracked(d)
    del d['b']
    after_del = gc.is_tracked(d)
    gc.collect(0)
    after_gen0 = gc.is_tracked(d)
    gc.collect(2)
    after_full = gc.is_tracked(d)
    return {'tracked': [empty, ints, with_list, after_del, after_gen0, after_full]}


def scenario_weakref_callback():
    calls = []

    def callback(ref):
        calls.append(1)

    x = Instance()
    x.self = x
    outside = weakref.ref(x, callback)
    y = Instance()
    y.self = y
    y.inside = weakref.ref(y, callback)
    del x, y
    collected = gc.collect()
    return {'collected': collected, 'callbacks': len(calls), 'outsideDead': outside() is None}


def scenario_del_cycle():
    class WithDel:
        def __del__(self):
            pass

    x = WithDel()
    x.self = x
    del x
    collected = gc.collect()
    return {'collected': collected, 'garbage': len(gc.garbage)}


def scenario_resurrection():
    saved = []

    class Phoenix:
        def __del__(self):
            saved.append(self)

    p = Phoenix()
    p.self = p
    a = []
    a.append(a)
    del p, a
    first = gc.collect()
    resurrected = len(saved)
    finalized = gc.is_finalized(saved[0]) if hasattr(gc, 'is_finalized') else None
    del saved[:]
    second = gc.collect()
    return {'first': first, 'resurrected': resurrected, 'finalized': finalized,
            'second': second, 'savedAgain': len(saved)}


def scenario_legacy_finalizer():
    import _testcapi

    class Legacy:
        def __tp_del__(self):
            pass

    Legacy = _testcapi.with_tp_del(Legacy)
    a = []
    obj = Legacy()
    obj.list = a
    a.append(obj)
    del a, obj
    collected = gc.collect()
    garbage = len(gc.garbage)
    types = sorted(type(o).__name__ for o in gc.garbage)
    for o in gc.garbage:
        if isinstance(o, list):
            o.clear()
        else:
            o.__dict__.clear()
    gc.garbage.clear()
    gc.collect()
    return {'collected': collected, 'garbage': garbage, 'garbageTypes': types}


def scenario_saveall():
    gc.set_debug(gc.DEBUG_SAVEALL)
    a = []
    a.append(a)
    del a
    collected = gc.collect()
    saved = len(gc.garbage)
    gc.set_debug(0)
    for o in gc.garbage:
        o.clear()
    gc.garbage.clear()
    gc.collect()
    return {'collected': collected, 'garbage': saved}


def scenario_freeze_counts():
    gc.collect(0)
    gc.collect(0)
    gc.collect(1)
    gc.collect(0)
    before = list(gc.get_count())
    gc.freeze()
    after = list(gc.get_count())
    gc.unfreeze()
    return {'before': before, 'after': after}


def scenario_freeze():
    a = []
    a.append(a)
    gc.freeze()
    frozen = gc.get_freeze_count() > 0
    counts = list(gc.get_count())
    del a
    while_frozen = gc.collect()
    gc.unfreeze()
    after = gc.get_freeze_count()
    collected = gc.collect()
    return {'frozen': frozen, 'countsAfterFreeze': counts, 'whileFrozen': while_frozen,
            'freezeCountAfterUnfreeze': after, 'afterUnfreeze': collected}


SCENARIOS = [
    ('self-list', scenario_self_list),
    ('ten-list-pairs', scenario_ten_list_pairs),
    ('list-tuple-cycle', scenario_list_tuple_cycle),
    ('dict-self', scenario_dict_self),
    ('ten-instance-pairs', scenario_ten_instance_pairs),
    ('young-only', scenario_young_only),
    ('tuple-untracking', scenario_tuple_untracking),
    ('dict-tracking', scenario_dict_tracking),
    ('weakref-callback', scenario_weakref_callback),
    ('del-cycle', scenario_del_cycle),
    ('resurrection', scenario_resurrection),
    ('legacy-finalizer', scenario_legacy_finalizer),
    ('saveall', scenario_saveall),
    ('freeze', scenario_freeze),
    ('freeze-counts', scenario_freeze_counts),
]


def run_scenarios():
    out = {}
    stops = []

    def on_stop(phase, info):
        if phase == 'stop':
            stops.append([info['generation'], info['collected'], info['uncollectable']])

    gc.disable()
    for name, fn in SCENARIOS:
        clean()
        gc.callbacks.append(on_stop)
        del stops[:]
        try:
            out[name] = fn()
            # every collection the scenario ran: [generation, collected, uncollectable]
            out[name]['stops'] = list(stops)
        except ImportError as error:
            out[name] = {'skipped': str(error)}
        gc.callbacks.remove(on_stop)
    gc.enable()
    return out


def api():
    infos = []

    def callback(phase, info):
        infos.append([phase, sorted(info)])

    gc.callbacks.append(callback)
    gc.collect()
    gc.callbacks.remove(callback)
    stats = gc.get_stats()
    return {
        'threshold': list(gc.get_threshold()),
        'isenabled': gc.isenabled(),
        'debug': gc.get_debug(),
        'flags': {name: getattr(gc, name) for name in
                  ['DEBUG_STATS', 'DEBUG_COLLECTABLE', 'DEBUG_UNCOLLECTABLE',
                   'DEBUG_SAVEALL', 'DEBUG_LEAK']},
        'statsLength': len(stats),
        'statsKeys': [sorted(entry) for entry in stats],
        'callbackInfo': infos,
        'hasIsFinalized': hasattr(gc, 'is_finalized'),
        'emptyObjects1': len(gc.get_objects(1)),
        'thresholdAfterPartialSet': threshold_after_partial(),
    }


DEFAULT_THRESHOLD = gc.get_threshold()


def threshold_after_partial():
    try:
        gc.set_threshold(5, 1.5)
    except TypeError:
        pass
    partial = list(gc.get_threshold())
    gc.set_threshold(*DEFAULT_THRESHOLD)
    return partial


def errors():
    calls = [
        ('collect(3)', lambda: gc.collect(3)),
        ('collect(-1)', lambda: gc.collect(-1)),
        ('collect(1.5)', lambda: gc.collect(1.5)),
        ("collect('0')", lambda: gc.collect('0')),
        ('collect(0, 1)', lambda: gc.collect(0, 1)),
        ('set_threshold()', lambda: gc.set_threshold()),
        ('set_threshold(1, 2, 3, 4)', lambda: gc.set_threshold(1, 2, 3, 4)),
        ('set_threshold(1.5)', lambda: gc.set_threshold(1.5)),
        ("set_threshold('a')", lambda: gc.set_threshold('a')),
        ('get_objects(3)', lambda: gc.get_objects(3)),
        ('get_objects(-1)', lambda: len(gc.get_objects(-1)) * 0),
        ('get_objects(-2)', lambda: gc.get_objects(-2)),
        ('set_threshold(2**31)', lambda: gc.set_threshold(2**31)),
        ('set_threshold(-2**31-1)', lambda: gc.set_threshold(-2**31 - 1)),
        ('set_threshold(2**70)', lambda: gc.set_threshold(2**70)),
        ('set_threshold(-2**70)', lambda: gc.set_threshold(-2**70)),
        ('set_debug(2**31)', lambda: gc.set_debug(2**31)),
        ('collect(2**31)', lambda: gc.collect(2**31)),
        ('collect(2**70)', lambda: gc.collect(2**70)),
        ('set_debug(1.5)', lambda: gc.set_debug(1.5)),
        ('is_tracked()', lambda: gc.is_tracked()),
    ]
    out = []
    saved = gc.get_threshold()
    for text, call in calls:
        try:
            call()
            out.append([text, None, None])
        except Exception as error:
            out.append([text, type(error).__name__, str(error)])
    gc.set_threshold(*saved)
    return out


def counts():
    clean()
    gc.disable()
    out = {'start': list(gc.get_count())}
    keep = []
    for n in (1, 10, 100):
        before = gc.get_count()[0]
        for _ in range(n):
            keep.append(Instance())
        after = gc.get_count()[0]
        del keep[:]
        dropped = gc.get_count()[0]
        out[str(n)] = [after - before, after - dropped]
    gc.enable()
    return out


def debug_stats():
    clean()
    buffer = io.StringIO()
    gc.set_debug(gc.DEBUG_STATS)
    with contextlib.redirect_stderr(buffer):
        gc.collect()
    gc.set_debug(0)
    text = re.sub(r'\d+(\.\d+)?', lambda m: 'F' if m.group(1) else 'N', buffer.getvalue())
    return text


def debug_lines():
    # DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE over one ordinary cycle (list -> dict ->
    # list) and one held by a legacy finalizer (Legacy -> list -> Legacy); addresses masked.
    import _testcapi

    class Legacy:
        def __tp_del__(self):
            pass

    Legacy = _testcapi.with_tp_del(Legacy)
    clean()
    gc.disable()
    a = []
    d = {'a': a}
    a.append(d)
    obj = Legacy()
    b = [obj]
    obj.b = b
    del a, d, obj, b
    buffer = io.StringIO()
    gc.set_debug(gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE)
    with contextlib.redirect_stderr(buffer):
        gc.collect()
    gc.set_debug(0)
    for o in gc.garbage:
        o.__dict__.clear()
    gc.garbage.clear()
    gc.collect()
    gc.enable()
    return re.sub(r'0x[0-9a-f]+', 'ADDR', buffer.getvalue())


def main():
    result = {
        'version': '%d.%d.%d' % sys.version_info[:3],
        'api': api(),
        'errors': errors(),
        'scenarios': run_scenarios(),
        'counts': counts(),
        'debugStats': debug_stats(),
        'debugLines': debug_lines(),
    }
    print(json.dumps(result))


if __name__ == '__main__':
    main()
