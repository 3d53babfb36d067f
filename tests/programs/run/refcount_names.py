import sys
l = []
print(sys.getrefcount(l))
m = l
print(sys.getrefcount(l))
n = [l, l]
print(sys.getrefcount(l))
del m
print(sys.getrefcount(l))
del n
print(sys.getrefcount(l))
