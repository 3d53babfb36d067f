import sys
a = [1, 2, 3]
xs = [a, a, a]
print(sys.getrefcount(a))
got = xs.pop(1)
print(got is a, sys.getrefcount(a), sys.getsizeof(xs))
del got
print(sys.getrefcount(a))
xs.pop(0)
print(sys.getrefcount(a), xs, sys.getsizeof(xs))
