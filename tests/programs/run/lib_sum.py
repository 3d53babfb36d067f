import sys
xs = [1, 2, 3, 1000]
s = sum(xs)
print(s, sys.getsizeof(s))
print(sum(range(200)), sum([]), sum([], 5), sum(xs, 10))
print(sum([0.1, 0.2, 0.3]), sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
print(sum([1, 2, 0.5]), sum((True, True, 3)))
fs = [1.5, 2.25]
total = sum(fs)
print(total, sys.getrefcount(total))
