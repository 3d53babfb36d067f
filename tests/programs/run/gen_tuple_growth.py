# tuple() of a generator (PySequence_Tuple): made for 10 items, grown by ten and a
# quarter past that (_PyTuple_Resize reallocates the object itself), trimmed at the
# end; an empty one gives (). Sizes, and which freed tuple a later one reuses.
import sys


def count(n):
    for i in range(n):
        yield i


for n in (0, 1, 3, 10, 11, 12, 23, 24, 40, 100):
    t = tuple(count(n))
    print(n, len(t), sys.getsizeof(t), t is tuple(), t[-1:] if t else t)
t = tuple(count(3))
kept = id(t)
del t
again = tuple([7, 8, 9])
print(id(again) == kept)
u = tuple(x * x for x in range(15))
print(u, sum(u))
words = tuple(w.upper() for w in "one two three".split())
print(words, sys.getrefcount(words))
