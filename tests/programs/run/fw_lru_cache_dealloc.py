import functools
import sys
import weakref


class R:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print('freed', self.tag)


def build(bound):
    @functools.lru_cache(maxsize=bound)
    def make(n):
        return R(n)
    return make


unbounded = build(None)
bounded = build(2)
for f in (unbounded, bounded):
    f(1)
    f(2)
    f(1)
    f(3)
    print(f.cache_info())
del f
inner = bounded.__wrapped__
print(sys.getrefcount(inner))
w = weakref.ref(bounded)
print(w() is bounded)
print('del unbounded')
del unbounded
print('del bounded')
del bounded
print(w() is None, sys.getrefcount(inner))
del inner
print('end')
