import gc
print(gc.collect(0))
