import gc
import sys
class Node:
    pass
def tag(n):
    n.seen = True
    return n
gc.collect()
nodes = [Node(), Node()]
m = map(tag, nodes)
nodes[0].m = m
nodes[1].m = m
del m
print(gc.collect())
r = nodes[0].m
print(next(r) is nodes[0], sys.getrefcount(nodes[0]))
del nodes
del r
print(gc.collect())
fl = filter(None, [])
print(gc.is_tracked(fl), gc.is_tracked(map(tag, [])), gc.collect())
