import gc
import sys
gc.collect()
t = gc.get_threshold()
print(sys.getsizeof(t))
print(len(t), t[0] > 0, t[1], t[2])
print(sys.getsizeof(gc.collect()))
