# Comprehensions over dict views, enumerate, zip and reversed (GET_ITER: the view's iterator, or the object itself).
d = {"a": 1, "b": 2}
print({k: v * 2 for k, v in d.items()}, [k for k in d.keys()], [v for v in d.values()])
print([(k, v) for k, v in d.items() if v > 1])
import sys
names = ["x", "y"]
print({i: n for i, n in enumerate(names)}, [a + b for a, b in zip(names, names)], [x for x in reversed(names)])
inv = {v: k for k, v in d.items()}
print(inv, sys.getsizeof(inv), sys.getsizeof([v for v in d.values()]))
