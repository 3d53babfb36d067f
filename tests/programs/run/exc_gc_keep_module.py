import gc
import sys
gc.collect()
try:
    raise ValueError("kept")
except ValueError as e:
    kept = e
print(gc.collect())
print(gc.is_tracked(kept), sys.getrefcount(kept))
del kept
print(gc.collect())
