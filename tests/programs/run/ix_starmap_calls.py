import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
pairs = [(x, x + 1) for x in xs]
def add(a, b):
    print('add', sys.getrefcount(a), sys.getrefcount(b))
    return a + b
s = itertools.starmap(add, pairs)
print(sys.getsizeof(s), sys.getrefcount(add), sys.getrefcount(pairs), sys.getrefcount(pairs[0]))
for v in s:
    print(v, sys.getrefcount(v), sys.getrefcount(pairs[0]))
del s
print(sys.getrefcount(add), sys.getrefcount(pairs))
print(list(itertools.starmap(lambda a, b: b - a, pairs)))
lists = [[x, 2] for x in xs]
print(list(itertools.starmap(lambda a, b: a * b, lists)), sys.getrefcount(lists[0]))
print(list(itertools.starmap(lambda: 7, [(), ()])), list(itertools.starmap(add, [])))
out = [v for v in itertools.starmap(lambda a, b=5: a + b, [(1,), (1, 2), tuple(xs[:2])])]
print(out)
for r in itertools.starmap(lambda a, b: (a, b), itertools.product(xs[:2], repeat=2)):
    print(r, sys.getrefcount(r))
