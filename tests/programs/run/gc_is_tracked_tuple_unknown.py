import gc
print(gc.is_tracked([]))
print(gc.is_tracked((1, 2)))
