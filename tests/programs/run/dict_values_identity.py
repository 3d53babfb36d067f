import sys
v = [1, 2]
d = {'a': v}
print(d['a'] is v, sys.getrefcount(v))
d2 = d.copy()
print(d2['a'] is v, sys.getrefcount(v))
d.update({'b': v})
print(sys.getrefcount(v))
