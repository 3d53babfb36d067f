# Calls make frames CPython allocates differently: a program with a def is refused.
import tracemalloc
def f():
    return [0] * 10
r = None
tracemalloc.start()
x = f()
r = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(r)
