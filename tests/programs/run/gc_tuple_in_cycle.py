import gc
gc.collect()
x = [1, 2]
t = (x, 'a', 3)
x.append(t)
del x
del t
print(gc.collect())
