import functools
import sys


@functools.cache
def double(n):
    return 2 * n


k = 1000
a = 3 * k
d = double(a)
print(d, double(a) is d, double.cache_info())
print(sys.getrefcount(a), sys.getrefcount(d), len(double.__dict__))
double.cache_clear()
print(sys.getrefcount(a), sys.getrefcount(d), double.cache_info())
