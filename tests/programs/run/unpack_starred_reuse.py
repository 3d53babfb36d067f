# The starred list comes from the list free list; the iterator is freed before the stores.
import sys
data = [[i] * 3 for i in range(4)]
head, *tail = data
print(head, len(tail), sys.getsizeof(tail))
del tail
*init, last = data
print(last, len(init), sys.getsizeof(init))
rows = []
for a, *bs in data:
    rows.append(bs)
print(rows, [sys.getsizeof(r) for r in rows])
for x in data:
    print(sys.getrefcount(x), end=' ')
print()
