import gc
import sys
gc.collect()
def deep(x):
    inner = [x]
    return x[3]
def middle(x):
    return deep(x) + 1
obj = [0]
kept = None
try:
    middle(obj)
except IndexError as e:
    kept = e
print(sys.getrefcount(obj))
del kept
print(sys.getrefcount(obj), gc.collect())
