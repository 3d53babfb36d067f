# set() and frozenset() of a generator: the set is made first, then filled item by
# item as the generator runs (set_update_internal); 3.8/3.9 return the empty frozenset
# singleton for an empty one.
import sys


def evens(n):
    for i in range(n):
        print("yield", i)
        yield i * 2


s = set(evens(3))
print(sorted(s), len(s))
f = frozenset(evens(2))
print(sorted(f))
e = frozenset(x for x in [])
print(e is frozenset(), len(e))
g = evens(2)
print(sorted(set(g)), set(g))
words = set(w.upper() for w in ["a", "b", "a"])
print(sorted(words))
print(sys.getsizeof(set(x for x in range(10))), sys.getsizeof(set(y for y in range(3))))
