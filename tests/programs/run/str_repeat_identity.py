import sys
s = 'ab'
t = s * 1
print(t is s)
u = s * 0
print(u == '', u is '')
v = s * 3
print(v, sys.getsizeof(v))
w = 'x' * 50
print(len(w), sys.getsizeof(w))
n = 2
y = s * n
print(y, y is v)
