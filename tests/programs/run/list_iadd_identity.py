import sys
l = [1]
i = id(l)
l += [2, 3]
print(id(l) == i, l, sys.getsizeof(l))
l += (4,)
print(id(l) == i, l, sys.getsizeof(l))
m = l + [5]
print(id(m) == i, sys.getsizeof(m))
