import sys
# How big are things?
for obj in [0, 1, 2**30, 2**60, 1.0, '', 'a', 'abc', 'é', b'', (), (1,), [], [1], {}, {1: 2}, set(), frozenset()]:
    print(type(obj).__name__, repr(obj)[:10], sys.getsizeof(obj))
lst = []
sizes = []
for i in range(20):
    lst.append(i)
    sizes.append(sys.getsizeof(lst))
print(sizes)
