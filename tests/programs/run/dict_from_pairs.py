# dict(pairs): PyDict_MergeFromSeq2 over a zip, an enumerate, a list or tuple of 2-item tuples/lists.
import sys
keys = ["a", "b", "c"]
d = dict(zip(keys, range(3)))
print(d, sys.getsizeof(d))
e = dict(enumerate(keys))
print(e, sys.getsizeof(e))
f = dict([("x", 1), ("y", 2)])
g = dict(([1, 2], [3, 4]))
print(f, g, sys.getsizeof(f), sys.getsizeof(g))
h = dict(zip(range(10), range(10)))
print(len(h), sys.getsizeof(h))
z = zip(["k"], [[]])
w = dict(z)
print(w, sys.getrefcount(w["k"]))
try:
    dict([(1, 2, 3)])
except ValueError as err:
    print(err)
