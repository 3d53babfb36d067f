import gc
class A:
    pass
class B:
    def __init__(self):
        self.x = 1
    def get(self):
        return self.x
gc.disable()
gc.collect()
a = A()
b = B()
print(gc.is_tracked(a), gc.is_tracked(b), gc.is_tracked(A))
m = b.get
print(gc.is_tracked(m))
d = b.__dict__
print(gc.is_tracked(d))
b.y = []
print(gc.is_tracked(d))
