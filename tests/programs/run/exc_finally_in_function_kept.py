import gc
import sys
gc.collect()
log = []
def work(x):
    temp = [x, x]
    try:
        return x[9]
    finally:
        log.append(len(temp))
item = [1, 2]
try:
    work(item)
except IndexError as e:
    log.append(sys.getrefcount(item))
print(log, sys.getrefcount(item), gc.collect())
