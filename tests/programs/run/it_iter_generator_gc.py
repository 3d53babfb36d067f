import gc
import sys
gc.collect()
class Ring:
    def __init__(self, n):
        self.n = n
        self.cursor = None
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Ring(3)
r.cursor = iter(r)
print(next(r.cursor), sys.getrefcount(r))
del r
print(gc.collect())
r = Ring(2)
r.cursor = iter(r)
print(list(r.cursor), sys.getrefcount(r))
del r
print(gc.collect())
