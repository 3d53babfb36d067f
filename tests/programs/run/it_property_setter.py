import sys
class C:
    def __init__(self, v):
        self._x = v
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        print('set', sys.getrefcount(v))
        self._x = v
    @x.deleter
    def x(self):
        print('del')
        del self._x
print(sys.getsizeof(C.x), sys.getrefcount(C.x))
o = C([1])
big = [2, 3]
print(sys.getrefcount(big))
o.x = big
print(sys.getrefcount(big), o.x is big)
o.x = [7]
print(sys.getrefcount(big), o.x, sys.getrefcount(o.x))
del o.x
o.x = big
print(sys.getrefcount(big))
del o
print(sys.getrefcount(big))
