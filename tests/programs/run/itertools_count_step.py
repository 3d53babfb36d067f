import itertools
import sys

start = int("1000")
step = int("300")
c = itertools.count(start, step)
print(sys.getsizeof(c), sys.getrefcount(start), sys.getrefcount(step))
first = next(c)
print(first is start, sys.getrefcount(start))
second = next(c)
print(second, sys.getrefcount(second))
print(list(itertools.islice(c, 3)))
del c
print(sys.getrefcount(start), sys.getrefcount(step))
for x in itertools.count(10, -4):
    if x < -6:
        break
    print(x, end=" ")
print()
print(list(zip("abcd", itertools.count(0, 5))))
slow = itertools.count(3, 2)
fast = itertools.count(3)
print(next(slow), next(slow), next(fast), next(fast))
evens = itertools.count(int("2000000"), 2)
for _ in range(5):
    v = next(evens)
    print(v, sys.getrefcount(v))
    del v
print(next(itertools.count(7, 1)), list(itertools.islice(itertools.count(0, 0), 3)))
