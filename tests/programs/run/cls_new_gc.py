import gc
class Node:
    pool = []
    def __new__(cls, value):
        obj = super().__new__(cls)
        Node.pool.append(obj)
        return obj
    def __init__(self, value):
        self.value = value
        self.me = self
n = Node(1)
m = Node(2)
print(len(Node.pool), gc.collect())
Node.pool.clear()
del n, m
print(gc.collect())
class Temp:
    def __new__(cls):
        return super().__new__(cls)
t = Temp()
del Temp
print(gc.collect())
del t
print(gc.collect())
