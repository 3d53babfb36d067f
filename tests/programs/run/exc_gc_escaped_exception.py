import gc
import sys
gc.collect()
def make(items):
    holder = [items]
    try:
        items[10]
    except IndexError as e:
        return e
data = [5]
err = make(data)
print(repr(err), sys.getrefcount(data))
print(gc.collect(), sys.getrefcount(data))
del err
print(gc.collect(), sys.getrefcount(data))
