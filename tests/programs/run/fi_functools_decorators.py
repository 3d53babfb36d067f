# from-imported decorators: @wraps(f) and a bare @lru_cache, compiled as functools.wraps / functools.lru_cache.
from functools import wraps, lru_cache
import sys

def deco(f):
    @wraps(f)
    def inner(*a):
        return f(*a)
    return inner

@deco
def hello(n):
    return "hi" * n

print(hello(2), hello.__name__)

@lru_cache
def sq(n):
    return n * n

print(sq(4), sq(4), sq(5), sq.cache_info())
print(sys.getrefcount(sq) > 0)
