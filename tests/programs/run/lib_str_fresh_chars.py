import sys
a = str(5)
b = str(5)
print(a, a is b, a == b, sys.getsizeof(a), sys.getrefcount(a))
c = repr(7)
d = f'{7}'
k = 3
e = f'{k}'
print(c, d, e, e is str(k), sys.getsizeof(e))
u = 'q'.upper()
print(u, sys.getsizeof(u))
j = ''.join(['z', ''])
print(j, sys.getsizeof(j), str(-3), str(10), str(2.5))
del a
f = str(9)
print(f, sys.getsizeof(f))
