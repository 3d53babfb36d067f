import gc
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
    @property
    def label(self):
        return self.name + '!'
    @staticmethod
    def link(a, b):
        a.peer = b
        b.peer = a
x = Node('x')
y = Node('y')
Node.link(x, y)
print(x.peer.label, y.peer.label)
del x, y
print(gc.collect())
