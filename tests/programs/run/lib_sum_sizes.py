import sys
big = [2 ** 40, 2 ** 40, 2 ** 40]
s = sum(big)
print(s, sys.getsizeof(s), sys.getrefcount(s))
small = sum([1, 2, 3])
print(small, sum(range(10)), sum(range(-5, 5)))
f = sum([0.5, 0.25], 1)
print(f, sys.getsizeof(f), sum([], 0.0))
