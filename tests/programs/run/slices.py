import sys
l = [10, 20, 30, 40, 50, 60]
a = l[1:3]
print(a, sys.getsizeof(a))
b = l[:]
print(b == l, b is l, sys.getsizeof(b))
c = l[::2]
print(c, sys.getsizeof(c))
d = l[4:1]
print(d, sys.getsizeof(d))
e = l[-2:]
print(e)
t = (1, 2, 3, 4)
print(t[:] is t, t[1:], sys.getsizeof(t[1:]))
print(l[::-1], l[5:0:-2])
