import sys
pairs = [('a', 1), ('b', 2), ('c', 3)]
d = {k: v for k, v in pairs}
print(d, sys.getsizeof(d))
inverse = {v: k for k, v in d.items()} if False else {v: k for k, v in pairs}
print(inverse, sys.getsizeof(inverse))
nested = [(i, j) for i, j in [(1, 2), (3, 4)]]
print(nested, sys.getsizeof(nested))
filtered = [x for x in range(20) if x % 2 if x % 3]
print(filtered, sys.getsizeof(filtered))
