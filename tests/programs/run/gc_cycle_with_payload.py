import gc
gc.collect()
a = [1000, 2000.5, 'text' * 3]
a.append(a)
del a
print(gc.collect())
