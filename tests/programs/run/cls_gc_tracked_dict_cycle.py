import gc
gc.disable()
gc.collect()
class Node:
    pass
b = Node()
c = Node()
b.other = c
d = b.__dict__
print(gc.is_tracked(d))
del d
c.other = b
del b, c
print(gc.collect())
print(gc.collect())
