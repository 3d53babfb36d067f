import sys
xs = ['a', 'b', 'c']
for i, x in enumerate(xs):
    print(i, x, sys.getrefcount(xs))
e = enumerate(xs)
print(sys.getsizeof(e), sys.getrefcount(xs))
pairs = []
for p in enumerate([10, 20]):
    pairs.append(p)
print(pairs, pairs[0] is pairs[1])
for i, k in enumerate({'x': 1, 'y': 2}):
    print(i, k)
big = []
for i, v in enumerate(range(3)):
    big.append(i + v)
print(big)
