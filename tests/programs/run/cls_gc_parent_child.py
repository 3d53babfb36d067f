import gc
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
gc.collect()
root = Node(None)
for i in range(3):
    child = Node(root)
    for j in range(2):
        Node(child)
del child
print(len(root.children), len(root.children[0].children))
del root
print(gc.collect())
print(gc.collect())
