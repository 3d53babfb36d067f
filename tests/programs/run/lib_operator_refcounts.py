import sys
from operator import itemgetter, attrgetter
key = 'k' + str(1)
print(sys.getrefcount(key))
g = itemgetter(key)
print(sys.getrefcount(key), sys.getsizeof(g))
h = itemgetter(key, 'other')
print(sys.getrefcount(key), sys.getsizeof(h))
del g
print(sys.getrefcount(key))
del h
print(sys.getrefcount(key))
row = [10, 20, 30]
value = itemgetter(2)(row)
print(value, sys.getrefcount(row))
getters = [itemgetter(i) for i in range(3)]
print([f(row) for f in getters], sys.getrefcount(getters[0]))
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
a = attrgetter('x', 'y')
p = Point(int('3000'), int('4000'))
pair = a(p)
print(pair, sys.getrefcount(p.x), sys.getsizeof(a))
