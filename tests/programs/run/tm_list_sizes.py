# tracemalloc counts the bytes each list requests: its items array (the list object
# itself comes from the free list CPython keeps warm, so it is not traced).
import tracemalloc
a = b = c = d = e = x = None
tracemalloc.start()
a = tracemalloc.get_traced_memory()
x = [0] * 1000
b = tracemalloc.get_traced_memory()
x = None
c = tracemalloc.get_traced_memory()
x = [1, 2, 3]
d = tracemalloc.get_traced_memory()
x = []
e = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(a)
print(b)
print(c)
print(d)
print(e)
print(tracemalloc.get_traced_memory(), tracemalloc.is_tracing())
