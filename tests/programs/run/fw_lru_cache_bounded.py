import functools
import sys


class R:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print('freed', self.tag)


@functools.lru_cache(maxsize=2)
def make(n):
    return R(n)


x = make(1)
y = make(2)
print(make.cache_info())
print(make(1) is x)
del x, y
print('evict')
make(3)
print(make.cache_info())
make(4)
print(make.cache_info())
print(make(4).tag, make(3).tag)
make(5)
print('clear')
make.cache_clear()
print(make.cache_info())
k = 1000
a = 5 * k
z = make(a)
print(sys.getrefcount(a), sys.getrefcount(z))
make(6)
make(7)
print(sys.getrefcount(a), sys.getrefcount(z))
del z
print(sys.getsizeof(make), len(make.__dict__))
make.cache_clear()
print('end')
