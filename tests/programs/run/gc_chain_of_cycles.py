import gc
gc.collect()
gc.disable()
for i in range(50):
    a = [i]
    b = [a, a]
    a.append(b)
del a, b
print(gc.collect())
print(gc.collect())
gc.enable()
