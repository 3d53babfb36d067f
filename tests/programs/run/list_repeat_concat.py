import sys
a = [0] * 10
print(len(a), sys.getsizeof(a))
b = [1, 2] * 5
print(b, sys.getsizeof(b))
c = [7] * 0
print(c, sys.getsizeof(c))
d = a + b
print(len(d), sys.getsizeof(d))
e = [] + []
print(sys.getsizeof(e))
n = 3
f = ['x'] * n
print(f, sys.getsizeof(f))
