import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
start = 100 * len(xs) * 1000
a = itertools.accumulate(xs, initial=start)
print(sys.getrefcount(start))
out = list(a)
print(out, out[0] is start, sys.getrefcount(start))
del a
print(sys.getrefcount(start), list(itertools.accumulate([], initial=start)), sys.getrefcount(start))
print(list(itertools.accumulate(xs, None)), list(itertools.accumulate(xs, func=None, initial=None)))
for v in itertools.accumulate(xs, initial=start):
    print(v, sys.getrefcount(v))
