import gc
import sys
gc.collect()
big = [1, 2, 3]
def keep(data):
    local_list = [data, data]
    try:
        raise ValueError(len(data))
    except ValueError as e:
        saved = e
    return 0
print(keep(big), sys.getrefcount(big))
print(gc.collect(), sys.getrefcount(big))
