import gc
gc.collect()
gc.disable()
a = []
a.append(a)
del a
print(gc.collect())
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
