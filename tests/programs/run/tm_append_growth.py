# Appending grows the items array by realloc: each resize is one trace replaced by a
# larger one; the peak shows the largest array (plus the ints it holds).
import tracemalloc
x = []
sizes = []
n = 0
r = None
tracemalloc.start()
while n < 20:
    x.append(n)
    n = n + 1
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r)
tracemalloc.start()
n = 1000
while n < 1010:
    x.append(n)
    n = n + 1
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r, x[29])
