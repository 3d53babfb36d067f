import gc
gc.collect()
gc.set_threshold(0)
print(gc.get_threshold())
i = 0
while i < 300:
    a = [i]
    a.append(a)
    i += 1
del a
print(gc.collect())
