import functools
import sys


@functools.lru_cache
def bare(n):
    return n + 1


@functools.lru_cache()
def empty_call(n):
    return n + 2


@functools.lru_cache(0)
def uncached(n):
    return n + 3


@functools.lru_cache(maxsize=-5)
def negative(n):
    return n + 4


@functools.lru_cache(maxsize=None)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@functools.lru_cache(maxsize=3)
def fib3(n):
    if n < 2:
        return n
    return fib3(n - 1) + fib3(n - 2)


for f in (bare, empty_call, uncached, negative):
    print(f(1), f(1), f(2))
    print(f.cache_info())
print(fib(30), fib.cache_info())
print(fib3(25), fib3.cache_info())
s = 'key' + str(len('abc'))
print(bare(len(s)), bare.cache_info())
print(sys.getrefcount(s))


@functools.lru_cache(maxsize=None)
def echo(v):
    return v


print(echo(s) is s, sys.getrefcount(s))
t = (s, s)
print(echo(t) is t, sys.getrefcount(t), sys.getrefcount(s))
inner = bare.__wrapped__
print(len(bare.__dict__), len(uncached.__dict__), inner(1), sys.getrefcount(inner))


def g(x):
    return x * 2


@functools.lru_cache
@functools.wraps(g)
def q(x):
    return g(x)


print(q.__name__, q(3), q.__wrapped__ is not g, q.__wrapped__.__wrapped__ is g)
print(len(q.__dict__), sys.getsizeof(q.__dict__), sys.getrefcount(g))
