import sys
a = frozenset()
b = frozenset([])
c = frozenset(b)
print(a is b, b is c, sys.getsizeof(a))
f = frozenset([1, 2, 3])
print(frozenset(f) is f, sys.getsizeof(f), f, 2 in f, len(f))
s = {1, 2}
g = frozenset(s)
print(g == s, type(g).__name__, frozenset((4, 5, 4)))
print(sys.getsizeof(frozenset(range(0))) if False else sys.getsizeof(frozenset(list(range(10)))))
d = {frozenset([1, 2]): 'pair'}
print(d[frozenset([2, 1])], frozenset([1]) in d)
print(frozenset(set()) is frozenset(set()))
