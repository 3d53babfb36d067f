import sys
old = [1]
new = [2]
l = [old, old]
print(sys.getrefcount(old), sys.getrefcount(new))
l[0] = new
print(sys.getrefcount(old), sys.getrefcount(new))
l[1] = new
print(sys.getrefcount(old), sys.getrefcount(new))
l[-1] = old
print(sys.getrefcount(old), sys.getrefcount(new))
