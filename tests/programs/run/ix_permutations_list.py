import itertools
import sys
xs = [1000 * (k + 1) for k in range(4)]
out = list(itertools.permutations(xs, 2))
print(len(out), out, sys.getsizeof(out), sys.getrefcount(xs[0]))
print(list(itertools.permutations(xs[:3])))
print(list(itertools.permutations(xs, 0)), list(itertools.permutations([])), list(itertools.permutations([], 1)))
print(list(itertools.permutations(xs, 5)), list(itertools.permutations(xs, r=1)), list(itertools.permutations(xs, None))[:2])
ts = tuple(xs)
p = itertools.permutations(ts, 3)
print(sys.getrefcount(ts), len(list(p)), list(p), sys.getrefcount(ts))
del p
print(sys.getrefcount(ts), sys.getrefcount(xs[3]))
try:
    itertools.permutations(xs, -1)
except ValueError as e:
    print(e)
print(sys.getrefcount(xs), sys.getrefcount(xs[0]))
n = 0
for a, b, c in itertools.permutations([1, 2, 3]):
    n = n * 10 + a
print(n)
