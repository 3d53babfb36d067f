import gc
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
x = Node('x')
y = Node('y')
x.peer = y
y.peer = x
print(x.peer.name)
del x, y
print(gc.collect())
