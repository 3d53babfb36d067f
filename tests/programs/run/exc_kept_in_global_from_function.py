import gc
import sys
gc.collect()
store = []
def record(obj):
    local = [obj, obj]
    try:
        raise RuntimeError(len(local))
    except RuntimeError as e:
        store.append(e)
    return 1
item = [0]
print(record(item), sys.getrefcount(item))
print(gc.collect(), sys.getrefcount(item))
store.pop()
print(gc.collect(), sys.getrefcount(item))
