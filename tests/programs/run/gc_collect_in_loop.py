import gc
gc.collect()
for i in range(5):
    a = [i]
    a.append(a)
    del a
    print(gc.collect())
