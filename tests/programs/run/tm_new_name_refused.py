# A module-level name bound for the first time while tracing may grow the module's
# dict (not modelled): get_traced_memory() is refused.
import tracemalloc
r = None
tracemalloc.start()
fresh = [0] * 10
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r)
