# print() while tracing leaves CPython's stdout buffer traced: the model refuses the
# next get_traced_memory().
import tracemalloc
tracemalloc.start()
print(tracemalloc.get_traced_memory())
print('tracing', tracemalloc.is_tracing())
print(tracemalloc.get_traced_memory())
