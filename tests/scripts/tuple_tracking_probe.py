"""Asks CPython 3.14 which new tuples it tracks (gh-139951: some makers leave a tuple
of GC-free items untracked). Runs in Pyodide (CPython 3.14.2, wasm32); pymem's truth
for packages/python/src/tuple-tracking.ts.

`run()` returns one JSON object:
  version  "3.14.2"
  cases    a list of {name, setup, expr, tracked}: `setup` runs as module code in a
           fresh namespace after gc.collect(), then `tracked` is
           gc.is_tracked(<expr>) evaluated there right after the tuple is made.
tests/tuple-tracking.live.test.ts runs each case's source on the model.
"""
import gc
import json
import sys

CASES = [
    ('build ints', 'n = 3', '(n, n)'),
    ('build strs', "s = 'x' * 3", '(s, s)'),
    ('build None and float', 'n = 3', '(None, n * 1.5)'),
    ('build one item', 'n = 3', '(n,)'),
    ('build twelve items', 'n = 3', '(n, n, n, n, n, n, n, n, n, n, n, n)'),
    ('build with an untracked tuple', 'n = 3\nt = (n, n)', '(t, n)'),
    ('build with a list', 'n = 3\nlst = [1]', '(lst, n)'),
    ('constant', '', '(1, 2)'),
    ('nested constant', '', "((1, 2), 'a')"),
    ('returned display', 'def pair(v):\n    return (v, v)\nn = 3', 'pair(n)'),
    ('*args of ints', 'def pack(*a):\n    return a\nn = 3', 'pack(n, n)'),
    ('*args with a list', 'def pack(*a):\n    return a\nn = 3', 'pack(n, [])'),
    ('tuple(list of ints)', 'lst = [1, 2]', 'tuple(lst)'),
    ('tuple(list of lists)', 'lst = [[1]]', 'tuple(lst)'),
    ('tuple(generator)', 'lst = [1, 2]', 'tuple(x for x in lst)'),
    ('tuple(range)', '', 'tuple(range(3))'),
    ('tuple(sorted)', '', 'tuple(sorted([2, 1]))'),
    ('tuple(str.split)', '', "tuple('a b'.split())"),
    ('concatenation', 'n = 3\nt = (n, n)', 't + t'),
    ('repetition', 'n = 3\nt = (n, n)', 't * 2'),
    ('slice', 'n = 3', '(n, n, n)[0:2]'),
    ('divmod', 'n = 3', 'divmod(7, n)'),
    ('enumerate item', '', 'list(enumerate([5]))[0]'),
    ('zip item', '', 'list(zip([1], [2]))[0]'),
    ('dict items item', '', 'list({1: 2}.items())[0]'),
    ('str.partition', '', "'a=b'.partition('=')"),
    ('exception args', 'e = ValueError(7)', 'e.args'),
    ('empty', '', '()'),
]


def _with_gc(namespace):
    namespace['gc'] = gc
    return namespace


def run():
    cases = []
    for name, setup, expr in CASES:
        namespace = _with_gc({'__name__': '__main__', '__builtins__': __builtins__})
        gc.collect()
        code = compile(setup + '\n_tracked = gc.is_tracked(' + expr + ')\n', '<case>', 'exec')
        exec(code, namespace)
        cases.append({'name': name, 'setup': setup, 'expr': expr,
                      'tracked': namespace['_tracked']})
    return {'version': sys.version.split()[0], 'cases': cases}


if __name__ == '__main__':
    print(json.dumps(run()))
