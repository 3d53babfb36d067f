import gc
gc.disable()
a = [1]
a.append(a)
b = {}
b['b'] = b
del a, b
print(gc.collect())
gc.enable()
print(gc.collect())
