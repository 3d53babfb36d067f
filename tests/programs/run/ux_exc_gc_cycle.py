import gc
import sys
class TaskError(RuntimeError):
    pass
gc.collect()
payload = [1, 2, 3]
def run(items):
    copy = list(items)
    try:
        raise TaskError("failed", len(copy))
    except TaskError as e:
        kept = e
    return len(copy)
print(run(payload), sys.getrefcount(payload), sys.getrefcount(TaskError))
print(gc.collect(), sys.getrefcount(payload), sys.getrefcount(TaskError))
def fail(items):
    raise TaskError(items)
try:
    fail(payload)
except TaskError as e:
    print(sys.getrefcount(payload), repr(e.args[0]))
print(sys.getrefcount(payload), gc.collect())
class Temporary(TaskError):
    pass
print(gc.collect())
t = Temporary()
del Temporary
print(gc.collect(), type(t).__name__)
del t
print(gc.collect())
