import gc
gc.collect()
box = []
e = ValueError(box)
box.append(e)
del e
del box
print(gc.collect())
box = []
try:
    raise TypeError(box)
except TypeError as err:
    box.append(err)
del box
print(gc.collect())
