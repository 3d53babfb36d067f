import functools
import sys
def f(a, b):
    print(sys.getrefcount(a), sys.getrefcount(b))
    return a + b
k = 1000
xs = [n * k for n in (10, 20, 30)]
total = functools.reduce(f, xs)
print(total, sys.getrefcount(total), sys.getrefcount(xs))
start = 7 * k
print(functools.reduce(f, xs, start), sys.getrefcount(start))
print(functools.reduce(lambda a, b: a * b, range(1, 8)))
print(functools.reduce(lambda a, b: a + [b], (1, 2, 3), []))
def gen():
    yield 'a'
    yield 'b'
    yield 'c'
s = functools.reduce(lambda a, b: a + b, gen())
print(s, sys.getsizeof(s), sys.getrefcount(s))
d = {'x': 1, 'y': 2}
print(functools.reduce(lambda a, b: a + b, d, ''))
