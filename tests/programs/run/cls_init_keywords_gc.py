# Keyword class calls and the collector: what the call makes and frees leaves the
# generation counts and the garbage as CPython's.
import gc


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


gc.collect()
root = Node('root')
for i in range(4):
    Node(name=str(i), parent=root)
print(len(root.children), [c.name for c in root.children])
del root
print(gc.collect())
