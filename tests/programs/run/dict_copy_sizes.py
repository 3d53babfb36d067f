import sys
d = {}
i = 0
while i < 12:
    d[i] = i * i
    i += 1
c = d.copy()
print(sys.getsizeof(d), sys.getsizeof(c), c == d)
del d[0]
del d[1]
del d[2]
del d[3]
del d[4]
c2 = d.copy()
print(sys.getsizeof(d), sys.getsizeof(c2), len(c2))
e = {'a': 1}
print(sys.getsizeof(e.copy()))
print(sys.getsizeof({}.copy()))
