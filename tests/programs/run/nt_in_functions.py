# Instances made in functions and returned; the class passed around.
import sys
import collections

Pair = collections.namedtuple('Pair', 'left right')


def make(a, b):
    return Pair(a, b)


def swap(p):
    return Pair(p.right, p.left)


def total(p):
    return p.left + p.right


v = ['v']
p = make(v, 1)
print(p, sys.getrefcount(v), sys.getrefcount(p))
s = swap(p)
print(s, sys.getrefcount(v), s == (1, v))
print(total(make(2, 3)), total(Pair(right=4, left=5)))
pairs = [make(i, i * i) for i in range(4)]
print(pairs, sys.getsizeof(pairs[0]))
print(sum(p.right for p in pairs))
del p, s
print(sys.getrefcount(v))
