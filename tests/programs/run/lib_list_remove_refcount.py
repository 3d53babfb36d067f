import sys
a = [1, 2]
b = [3, 4]
xs = [a, b, a, [5]]
print(sys.getrefcount(a), sys.getrefcount(b))
xs.remove(a)
print(sys.getrefcount(a), xs, sys.getsizeof(xs))
xs.remove([5])
print(xs, sys.getsizeof(xs))
xs.remove(b)
print(sys.getrefcount(b), xs, sys.getsizeof(xs))
xs.remove(a)
print(sys.getrefcount(a), xs, sys.getsizeof(xs))
