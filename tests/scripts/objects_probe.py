"""Builds objects from recipes and prints their sys.getsizeof (pymem's object-size truth).

Run as `python objects_probe.py RECIPES.json`, or import and call `measure(recipes)` (the
Pyodide runner does). A recipe is "kind:how:arg"; tests/scripts/object-recipes.ts
generates them and @pymem/objects models each one. The last stdout line is JSON:
{"version": "3.12.1", "pointer": 8, "sizes": [...], "tracked": "0110…", "refcounts":
[...], "orders": [...], "instance": 48}: per recipe, in order, its size, gc.is_tracked flag and
sys.getrefcount (one local name holds it) and, for sets, iteration order ("asc" when
ascending, else the keys); and getsizeof of a plain class instance. The collector is disabled while measuring so that it cannot untrack
anything behind the probe's back.
"""
import gc
import json
import sys

MARK = {'ascii': 'a', 'latin1': '\xe9', 'ucs2': '\u20ac', 'ucs4': '\U0001f600'}


def text(kind, n):
    if n == 0:
        return ''.join([])
    if n == 1:
        # A fresh string (join would hand back MARK's own one-character object).
        return (MARK[kind] + 'b')[:1]
    return ''.join([MARK[kind]] + ['b'] * (n - 1))


def appended(n):
    lst = []
    for i in range(n):
        lst.append(i)
    return lst


def int_dict(n):
    d = {}
    for i in range(n):
        d[i] = i
    return d


def str_dict(n):
    d = {}
    for i in range(n):
        d['k%d' % i] = i
    return d


def half_deleted(n):
    d = int_dict(n)
    for i in range(n // 2):
        del d[i]
    return d


def added(n):
    s = set()
    for i in range(n):
        s.add(i)
    return s


def build_list(how, n):
    if how == 'display-const':
        return eval('[' + ', '.join(str(i) for i in range(n)) + ']')
    if how == 'display-var':
        return eval('[' + ', '.join(['x'] * n) + ']', {'x': 1})
    if how == 'list-range':
        return list(range(n))
    if how == 'list-tuple':
        return list(tuple(range(n)))
    if how == 'append':
        return appended(n)
    if how == 'extend-range':
        lst = []
        lst.extend(range(n))
        return lst
    if how == 'extend-list':
        lst = []
        lst.extend(list(range(n)))
        return lst
    if how == 'mul':
        return [0] * n
    if how == 'comp':
        return [i for i in range(n)]
    if how == 'copy':
        return appended(n).copy()
    if how == 'slice':
        return appended(n)[:]
    if how == 'pop':
        lst = list(range(64))
        for _ in range(64 - n):
            lst.pop()
        return lst
    raise ValueError(how)


def build_dict(how, n):
    if how == 'setitem-int':
        return int_dict(n)
    if how == 'setitem-str':
        return str_dict(n)
    if how == 'comp-int':
        return {i: i for i in range(n)}
    if how == 'display-int':
        return eval('{' + ', '.join('%d: x' % i for i in range(n)) + '}', {'x': 1})
    if how == 'display-str':
        return eval('{' + ', '.join("'k%d': x" % i for i in range(n)) + '}', {'x': 1})
    if how == 'fromkeys':
        return dict.fromkeys(range(n))
    if how == 'kwargs':
        return eval('dict(' + ', '.join('k%d=1' % i for i in range(n)) + ')')
    if how == 'pairs':
        return dict([(i, i) for i in range(n)])
    if how == 'copy':
        return int_dict(n).copy()
    if how == 'copy-str':
        return str_dict(n).copy()
    if how == 'dict-of':
        return dict(int_dict(n))
    if how == 'del-half':
        return half_deleted(n)
    if how == 'del-half-copy':
        return half_deleted(n).copy()
    if how == 'del-half-refill':
        d = half_deleted(n)
        for i in range(n // 2):
            d[n + i] = i
        return d
    raise ValueError(how)


SET_KEYS = {
    'stride': lambda i: i * 37,
    'big': lambda i: 2 ** 40 + i * 1000003,
    'neg': lambda i: -i,
}


def build_set(how, n):
    if how in SET_KEYS:
        return {SET_KEYS[how](i) for i in range(n)}
    if how == 'discard-readd':
        s = added(n)
        for i in range(n // 2):
            s.discard(i)
        for i in range(n // 2):
            s.add(i)
        return s
    if how == 'discard-stride':
        s = {i * 37 for i in range(n)}
        for i in range(n // 2):
            s.discard(i * 37)
        for i in range(n // 2):
            s.add((n + i) * 37)
        return s
    if how == 'discard-add':
        s = added(n)
        for i in range(n // 2):
            s.discard(i)
        for i in range(n // 2):
            s.add(n + i)
        return s
    if how == 'set-range':
        return set(range(n))
    if how == 'add':
        return added(n)
    if how == 'comp':
        return {i for i in range(n)}
    if how == 'frozenset-range':
        return frozenset(range(n))
    if how == 'display-const':
        if n == 0:
            return set()
        return eval('{' + ', '.join(str(i) for i in range(n)) + '}')
    if how == 'set-of-set':
        return set(added(n))
    if how == 'copy':
        return added(n).copy()
    raise ValueError(how)


def build(recipe):
    kind, how, arg = recipe.split(':', 2)
    if kind == 'int':
        return int(arg)
    if kind == 'float':
        return float(arg)
    if kind == 'const':
        return {'None': None, 'True': True, 'False': False}[arg]
    n = int(arg)
    if kind == 'str':
        return text(how, n)
    if kind == 'bytes':
        return bytes(n)
    if kind == 'bytearray':
        if how == 'sized':
            return bytearray(n)
        b = bytearray()
        for _ in range(n):
            b.append(0)
        return b
    if kind == 'tuple':
        return tuple(range(n))
    if kind == 'list':
        return build_list(how, n)
    if kind == 'dict':
        return build_dict(how, n)
    if kind == 'set':
        return build_set(how, n)
    raise ValueError(recipe)


class Plain:
    pass


def measure(recipes):
    gc.disable()
    sizes = []
    tracked = []
    refcounts = []
    orders = []
    for recipe in recipes:
        obj = build(recipe)
        sizes.append(sys.getsizeof(obj))
        tracked.append('1' if gc.is_tracked(obj) else '0')
        refcounts.append(sys.getrefcount(obj))
        if isinstance(obj, (set, frozenset)):
            order = [int(x) for x in obj]
            orders.append('asc' if order == sorted(order) else order)
        else:
            orders.append(None)
        del obj
    gc.enable()
    version = '%d.%d.%d' % sys.version_info[:3]
    pointer = 8 if sys.maxsize > 2 ** 32 else 4
    return {'version': version, 'pointer': pointer, 'sizes': sizes, 'tracked': ''.join(tracked),
            'refcounts': refcounts, 'orders': orders, 'instance': sys.getsizeof(Plain())}


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        print(json.dumps(measure(json.load(f))))
