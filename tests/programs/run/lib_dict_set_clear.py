import sys
a = [1]
d = {'x': a, 'y': a}
for i in range(10):
    d[i] = i
print(sys.getsizeof(d), sys.getrefcount(a))
d.clear()
print(d, sys.getsizeof(d), sys.getrefcount(a), len(d))
d['k'] = 1
print(sys.getsizeof(d))
d.clear()
d.clear()
print(sys.getsizeof(d))
s = set()
for i in range(20):
    s.add(i)
print(sys.getsizeof(s))
s.clear()
print(s, sys.getsizeof(s))
s.add(5)
print(s, sys.getsizeof(s))
