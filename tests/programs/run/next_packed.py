# next() of enumerate, zip and reversed objects (their own iterators), with and without a default.
import sys
e = enumerate([10, 20], start=5)
print(next(e), next(e), next(e, "done"))
z = zip([1, 2], ["a", "b"])
first = next(z)
print(first, sys.getrefcount(first), list(z))
r = reversed([1, 2, 3])
print(next(r), next(r), next(r), next(r, None))
try:
    next(zip([], []))
except StopIteration:
    print("stop")
