import gc
import sys
gc.collect()
class T:
    def __init__(self):
        self._v = []
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x
    @v.deleter
    def v(self):
        print('deleting')
        del self._v
    @property
    def w(self):
        return 1
    @w.deleter
    def w(self):
        print('w deleter')
print(sys.getsizeof(T.v), sys.getsizeof(T.w), sys.getrefcount(T.v))
t = T()
t.v = t
print(t.v is t, sys.getrefcount(t))
del t.v
t.v = [t]
del t.w
print(t.w)
del t
print(gc.collect())
del T
print(gc.collect())
