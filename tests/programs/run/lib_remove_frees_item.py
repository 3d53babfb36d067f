import sys
xs = [[1], [2], [3]]
keep = xs[1]
addr = id(xs[0])
xs.remove([1])
c = [7]
print(id(c) == addr, sys.getrefcount(keep), xs)
xs.remove(keep)
print(sys.getrefcount(keep), sys.getsizeof(xs))
