# Before start(), after stop(): (0, 0), not tracing; start() twice is one start.
import tracemalloc
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print(tracemalloc.get_traceback_limit())
r = s = None
tracemalloc.start()
tracemalloc.start()
r = tracemalloc.is_tracing()
s = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r, s, tracemalloc.is_tracing())
tracemalloc.stop()
print(tracemalloc.get_traced_memory())
