import functools
import sys


@functools.lru_cache(maxsize=None)
def sq(n):
    """Square n."""
    return n * n


@functools.lru_cache(maxsize=None)
def pair(x, y):
    return x + y


k = 1000
a = 5 * k
print(sq(a), sq(a))
print(sq.cache_info())
print(sys.getsizeof(sq), type(sq).__name__)
print(sys.getrefcount(a))
r = sq(a)
print(sys.getrefcount(r))
print(len(sq.__dict__), sys.getsizeof(sq.__dict__))
print(sq.__name__, sq.__qualname__, sq.__doc__, sq.__module__)
print(sq.__wrapped__.__name__, sys.getrefcount(sq.__wrapped__), len(sq.__wrapped__.__dict__))
b = 7 * k
p = pair(a, b)
print(p, pair(a, b) is p, sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(p))
print(pair.cache_info())
try:
    sq([1])
except TypeError as e:
    print('TypeError', e)
print(sq.cache_info())
sq.cache_clear()
print(sys.getrefcount(a), sys.getrefcount(r), sq.cache_info())
pair.cache_clear()
print(sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(p), pair.cache_info())
s = 'word' + str(k)
print(sq(3), sq(3), sq.cache_info())
