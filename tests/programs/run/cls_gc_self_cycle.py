import gc
class Node:
    pass
gc.collect()
n = Node()
n.me = n
del n
print(gc.collect())
nodes = []
for i in range(5):
    x = Node()
    x.me = x
    nodes.append(x)
del x
del nodes
print(gc.collect())
