import gc
gc.collect()
print(gc.is_tracked([]))
print(gc.is_tracked([1, 2]))
print(gc.is_tracked(set()))
print(gc.is_tracked({1, 2}))
print(gc.is_tracked(()))
print(gc.is_tracked((1, 2)))
