import gc
print(gc.collect())
print(gc.get_count())
