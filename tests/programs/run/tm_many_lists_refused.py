# CPython reuses list objects from a free list its start-up filled, untraced; the model
# vouches for that only while few new lists are alive at once.
import tracemalloc
a = b = c = d = e = f = g = r = q = None
tracemalloc.start()
a = [1]
b = [2]
c = [3]
q = tracemalloc.get_traced_memory()
d = [4]
e = [5]
f = [6]
g = [7]
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(q, r)
