import sys
l = [0]
d = {'k': l}
print(sys.getrefcount(l))
t = (l, l, l)
print(sys.getrefcount(l))
s = [t, t]
print(sys.getrefcount(t), sys.getrefcount(l))
d['k'] = None
print(sys.getrefcount(l))
del t
print(sys.getrefcount(l))
s = None
print(sys.getrefcount(l))
