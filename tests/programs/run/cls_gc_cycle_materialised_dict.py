import gc
import sys
gc.disable()
gc.collect()
class Node:
    def __init__(self, v):
        self.v = v
    def link(self, other):
        self.other = other
        return self
b = Node(2)
c = Node(3)
x = b.link(c)
del x
d = c.__dict__
del d
x = c.link(b)
del x
del b, c
print(gc.collect())
del Node
print(gc.collect())
