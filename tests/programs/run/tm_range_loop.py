# A for loop over range() makes a range object and its iterator (both traced until the
# loop ends) and an int per step beyond 256.
import tracemalloc
x = [None] * 100
i = r = None
tracemalloc.start()
for i in range(1000, 1100):
    x[i - 1000] = i
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r)
