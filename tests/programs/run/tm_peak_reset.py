# The peak keeps the largest traced total; reset_peak() (3.9+) brings it down to the
# current total, clear_traces() forgets every trace.
import tracemalloc
x = a = b = c = d = None
n = 5000
tracemalloc.start()
x = [None] * n
x = None
a = tracemalloc.get_traced_memory()
tracemalloc.clear_traces()
b = tracemalloc.get_traced_memory()
x = [None] * 10
x = None
c = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
d = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(a, b, c, d)
