# list() and sorted() of zip and enumerate objects (their own iterators, no length hint: 8 slots first, then trimmed); enumerate(start=).
import sys
names = ["a", "b", "c"]
ages = [30, 25, 40]
pairs = list(zip(names, ages))
print(pairs, sys.getsizeof(pairs))
idx = list(enumerate(names, start=1))
print(idx, sys.getsizeof(idx))
big = list(zip(range(20), range(20, 40)))
print(len(big), sys.getsizeof(big), big[-1])
e = list(enumerate(range(9)))
print(sys.getsizeof(e), e[8])
print(sorted(zip(ages, names)))
for i, ch in enumerate(["a", "b", "c"], start=1):
    print(i, ch)
e = enumerate([10, 20], start=5)
print(sys.getsizeof(e) > 0, list(e))
print(list(enumerate(range(3), start=-2)), list(enumerate(("x", "y"), start=1)))
