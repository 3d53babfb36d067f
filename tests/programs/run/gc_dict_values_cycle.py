import gc
gc.collect()
d = {}
for i in range(8):
    d[i] = [i]
d[8] = d
del d
print(gc.collect())
