import gc
gc.collect()
d = {}
print(gc.is_tracked(d))
d['a'] = 1
print(gc.is_tracked(d))
d['b'] = 'x'
print(gc.is_tracked(d))
d['c'] = []
print(gc.is_tracked(d))
del d['c']
print(gc.is_tracked(d))
e = {1: (1, 2)}
print(gc.is_tracked(e))
f = {'l': [1]}
print(gc.is_tracked(f))
