# Strings and ints are traced at the size they request: a str of n ASCII characters,
# a one-digit int (28 bytes on 3.8-3.10, 32 from 3.11).
import tracemalloc
n = 300
s = t = u = a = b = c = d = None
tracemalloc.start()
s = 'abc' * n
a = tracemalloc.get_traced_memory()
t = s + s
b = tracemalloc.get_traced_memory()
u = n + n
c = tracemalloc.get_traced_memory()
s = t = u = None
d = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(a, b, c, d)
