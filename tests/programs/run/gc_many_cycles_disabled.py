import gc
gc.collect()
gc.disable()
i = 0
while i < 200:
    x = {'i': i}
    x['x'] = x
    i += 1
del x
print(gc.collect())
print(gc.isenabled())
