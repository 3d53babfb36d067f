# A tree whose children lists link parents and children: the first full collection
# rescues what only __main__ reaches, list items last to first (list_traverse), and a
# later collection finalizes in that order.
import sys
import gc

class Tree:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None
    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child
    def __del__(self):
        print("del", self.name)

gc.disable()
root = Tree("root")
a = root.add(Tree("a"))
b = root.add(Tree("b"))
c = root.add(Tree("c"))
a.add(Tree("a1"))
c.add(Tree("c1"))
c.add(Tree("c2"))
pair = (Tree("t0"), Tree("t1"))
print(sys.getrefcount(root), sys.getrefcount(a), len(root.children))
del a, b, c
print(gc.collect())
del root
print(gc.collect())
del pair
print(gc.collect())
