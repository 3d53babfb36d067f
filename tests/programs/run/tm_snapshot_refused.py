# take_snapshot() (tracebacks of each trace) is not modelled.
import tracemalloc
tracemalloc.start()
x = [0] * 100
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
print(len(snapshot.statistics('lineno')) > 0)
