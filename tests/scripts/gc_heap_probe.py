"""Cycles of many kinds in a real CPython, for the collector running on pymem's heap.

Run as `python gc_heap_probe.py`; the last stdout line is one JSON object
{"version", "scenarios": {name: {"rec", "stats", "log"}}}. Each scenario is a function
that starts with a full collection (so gc.get_count() is [0, 0, 0] and the free lists
are empty), builds cycles, and appends to `rec` what CPython says: gc.collect(gen)
results, gc.get_count() (as the tuple it returns, kept alive in `rec`, exactly as the
mirror in tests/gc-heap.live.test.ts keeps it), is_tracked answers. `stats` is the
get_stats() difference over the scenario, `log` the order in which __del__ methods and
weakref callbacks ran. Automatic collection is off except in 'automatic'.
Every Python function called inside a scenario is called once beforehand, so that on
3.8-3.10 its frame object already exists (a zombie frame) and no frame allocation
moves gc.get_count(). A suspended generator in a cycle is freed by its finalizer
(closing it clears its frame), so gc.collect() does not count it.
The class-* scenarios make classes that die in a cycle (the type, its dict, mro and
bases tuples, its __dict__/__weakref__ descriptors); they record sys.getsizeof of the
class and gc.collect() results only, not gc.get_count() (a class statement allocates
more than the model mirrors: its body's frame, namespace and strings).
"""
import gc
import json
import sys
import weakref

LOG = []
SAVED = []


class Pair:
    pass


class Labelled:
    pass


class Cyc:
    pass


class WithDel:
    def __del__(self):
        LOG.append(self.label)


class Phoenix:
    def __del__(self):
        LOG.append(self.label)
        SAVED.append(self)


class WithMethod:
    def method(self):
        pass


def cb_x(wr):
    LOG.append('cb_x')


def cb_y(wr):
    LOG.append('cb_y')


def cb_z(wr):
    LOG.append('cb_z')


def make_closure():
    def f():
        return f
    return f


BOX = []


def gen_self():
    me = BOX.pop()
    yield 1


def gen_hold(x):
    yield x


def keep_error():
    try:
        raise ValueError
    except ValueError as err:
        keep = err


def raise_inner():
    raise ValueError


def keep_outer():
    try:
        raise_inner()
    except ValueError as err:
        keep = err


def scenario_ten_instance_pairs(rec):
    gc.collect()
    for _ in range(10):
        x = Pair()
        y = Pair()
        x.other = y
        y.other = x
    del x, y
    rec.append(gc.get_count())
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_generations(rec):
    gc.collect()
    a = []
    a.append(a)
    del a
    rec.append(gc.get_count())
    rec.append(gc.collect(0))
    rec.append(gc.get_count())
    holder = [[]]
    holder[0].append(holder[0])
    rec.append(gc.collect(0))
    rec.append(gc.get_count())
    holder.pop()
    rec.append(gc.collect(0))
    rec.append(gc.get_count())
    rec.append(gc.collect(1))
    rec.append(gc.get_count())
    rec.append(gc.collect(2))
    rec.append(gc.get_count())


def scenario_dicts(rec):
    gc.collect()
    d = {}
    d['self'] = d
    e = {'d': d}
    d['e'] = e
    lst = [d, e]
    e['l'] = lst
    del d, e, lst
    rec.append(gc.get_count())
    rec.append(gc.collect(1))
    rec.append(gc.get_count())


def scenario_closure(rec):
    gc.collect()
    f = make_closure()
    rec.append(gc.get_count())
    del f
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_bound_method(rec):
    gc.collect()
    o = WithMethod()
    o.m = o.method
    rec.append(gc.get_count())
    del o
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_weakref_callbacks(rec):
    gc.collect()
    x = Labelled()
    x.label = 'x'
    y = Labelled()
    y.label = 'y'
    x.peer = y
    y.peer = x
    wx = weakref.ref(x, cb_x)
    wy = weakref.ref(y, cb_y)
    y.wr = weakref.ref(x, cb_z)
    rec.append(gc.get_count())
    del x, y
    rec.append(gc.collect())
    rec.append(wx() is None)
    rec.append(wy() is None)
    rec.append(gc.get_count())


def scenario_finalizers(rec):
    gc.collect()
    d = WithDel()
    d.label = 'd'
    d.peer = d
    a = WithDel()
    a.label = 'a'
    b = WithDel()
    b.label = 'b'
    c = WithDel()
    c.label = 'c'
    c.peer = a
    b.peer = c
    a.peer = b
    del a, b, c, d
    rec.append(gc.get_count())
    rec.append(gc.collect())
    rec.append(len(gc.garbage))
    rec.append(gc.get_count())


def scenario_resurrection(rec):
    gc.collect()
    p = Phoenix()
    p.label = 'p'
    p.peer = p
    q = []
    q.append(q)
    del p, q
    rec.append(gc.collect())
    rec.append(len(SAVED))
    rec.append(gc.get_count())
    SAVED.clear()
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_freeze(rec):
    gc.collect()
    frozen = gc.get_freeze_count()
    a = []
    a.append(a)
    gc.freeze()
    rec.append(gc.get_count())
    del a
    rec.append(gc.collect())
    gc.unfreeze()
    rec.append(gc.collect())
    rec.append(gc.get_freeze_count() - frozen)
    rec.append(gc.get_count())


def scenario_tuple_untracking(rec):
    gc.collect()
    a = 1
    t = (a, a)
    u = (t, [])
    rec.append(gc.is_tracked(t))
    rec.append(gc.is_tracked(u))
    rec.append(gc.collect())
    rec.append(gc.is_tracked(t))
    rec.append(gc.is_tracked(u))
    rec.append(gc.get_count())


def scenario_automatic(rec):
    gc.collect()
    gc.set_threshold(5)
    gc.enable()
    for _ in range(40):
        x = Cyc()
        x.me = x
    gc.disable()
    gc.set_threshold(*DEFAULT_THRESHOLD)
    rec.append(gc.get_count())
    del x
    rec.append(gc.collect())


def scenario_generator_self(rec):
    gc.collect()
    g = gen_self()
    BOX.append(g)
    next(g)
    rec.append(gc.get_count())
    del g
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_generator_cycle(rec):
    gc.collect()
    lst = []
    g = gen_hold(lst)
    next(g)
    lst.append(g)
    del lst, g
    rec.append(gc.get_count())
    rec.append(gc.collect(0))
    rec.append(gc.get_count())


def scenario_generator_finalizer(rec):
    gc.collect()
    d = WithDel()
    d.label = 'd'
    g = gen_hold(d)
    next(g)
    d.peer = g
    del d, g
    rec.append(gc.get_count())
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_exception_kept(rec):
    gc.collect()
    keep_error()
    rec.append(gc.get_count())
    rec.append(gc.collect())
    rec.append(gc.get_count())


def scenario_traceback_frames(rec):
    gc.collect()
    keep_outer()
    rec.append(gc.get_count())
    rec.append(gc.collect(1))
    rec.append(gc.get_count())


def scenario_class_alone(rec):
    gc.collect()

    class C:
        pass
    rec.append(sys.getsizeof(C))
    del C
    rec.append(gc.collect())


def scenario_class_instance(rec):
    gc.collect()

    class C:
        pass
    C.inst = C()
    del C
    rec.append(gc.collect())


def scenario_class_method_closure(rec):
    gc.collect()

    class C:
        def method(self):
            return __class__
    del C
    rec.append(gc.collect())


SCENARIOS = [
    ('ten-instance-pairs', scenario_ten_instance_pairs),
    ('generations', scenario_generations),
    ('dicts', scenario_dicts),
    ('closure', scenario_closure),
    ('bound-method', scenario_bound_method),
    ('weakref-callbacks', scenario_weakref_callbacks),
    ('finalizers', scenario_finalizers),
    ('resurrection', scenario_resurrection),
    ('freeze', scenario_freeze),
    ('tuple-untracking', scenario_tuple_untracking),
    ('automatic', scenario_automatic),
    ('generator-self', scenario_generator_self),
    ('generator-cycle', scenario_generator_cycle),
    ('generator-finalizer', scenario_generator_finalizer),
    ('exception-kept', scenario_exception_kept),
    ('traceback-frames', scenario_traceback_frames),
    ('class-alone', scenario_class_alone),
    ('class-instance', scenario_class_instance),
    ('class-method-closure', scenario_class_method_closure),
]

DEFAULT_THRESHOLD = gc.get_threshold()
KEYS = ('collections', 'collected', 'uncollectable')


def warm_up():
    """Runs every Python function the scenarios call once (3.8-3.10 zombie frames)."""
    for cb in (cb_x, cb_y, cb_z):
        cb(None)
    w = WithDel()
    w.label = '-'
    del w
    w = Phoenix()
    w.label = '-'
    del w
    make_closure()
    BOX.append(None)
    for _ in gen_self():
        pass
    for _ in gen_hold(None):
        pass
    keep_error()
    keep_outer()
    SAVED.clear()
    LOG.clear()


def run():
    gc.disable()
    warm_up()
    out = {}
    for name, fn in SCENARIOS:
        gc.collect()
        gc.collect()
        LOG.clear()
        SAVED.clear()
        before = gc.get_stats()
        rec = []
        fn(rec)
        after = gc.get_stats()
        out[name] = {
            'rec': [list(v) if isinstance(v, tuple) else v for v in rec],
            'stats': [[b[k] - a[k] for k in KEYS] for a, b in zip(before, after)],
            'log': LOG[:],
        }
    gc.enable()
    return {'version': sys.version.split()[0], 'scenarios': out}


if __name__ == '__main__':
    print(json.dumps(run()))
