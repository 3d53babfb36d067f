import gc
print(gc.isenabled())
print(gc.disable())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
print(gc.enable())
print(gc.isenabled())
