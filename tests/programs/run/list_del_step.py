import sys
a = list(range(20))
print(sys.getsizeof(a))
del a[::2]
print(a, len(a), sys.getsizeof(a))
del a[::-3]
print(a, sys.getsizeof(a))
b = [str(i) * 3 for i in range(40)]
del b[1:30:2]
print(len(b), sys.getsizeof(b), b[:5])
del b[100:200:5]
del b[::-1]
print(b, sys.getsizeof(b))
c = [1, 2, 3]
try:
    del c[::0]
except ValueError as e:
    print('ValueError:', e)
del c[::1]
print(c, sys.getsizeof(c))
class Item:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
d = [Item(i) for i in range(6)]
del d[4::-2]
print([x.n for x in d])
del d[:]
e = [[i] for i in range(10)]
x = e[3]
del e[3:8:2]
print(sys.getrefcount(x), e)
