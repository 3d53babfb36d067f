import functools
import sys


@functools.lru_cache(maxsize=None)
def inverse(n):
    return 1000 // (n - 5000)


@functools.lru_cache(maxsize=2)
def check(s):
    if len(s) > 3:
        raise ValueError(s)
    return len(s)


k = 1000
z = 5 * k
w = 'word' + str(k)
for f, arg in ((inverse, z), (check, w)):
    try:
        f(arg)
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__, sys.getrefcount(arg))
    print(f.cache_info())
print(sys.getrefcount(z), sys.getrefcount(w))
t = 2 * k
print(inverse(t), inverse(t), inverse.cache_info(), sys.getrefcount(t))
print(check('ab'), check('x'), check('ab'), check.cache_info())
print(check('abc'), check.cache_info())
