import gc
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("collect", gc.collect())
x = Node("x")
x.me = x
y = Node("y")
y.ref = x
del x, y
print("collect", gc.collect())
print("end")
