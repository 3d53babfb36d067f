import gc
gc.collect()
d = {'name': 'node'}
l = [d]
d['parent'] = l
del d
print(gc.collect())
del l
print(gc.collect())
