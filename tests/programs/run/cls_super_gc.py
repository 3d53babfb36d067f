import gc
import sys
gc.collect()
class Base:
    def __init__(self):
        self.items = []
class Child(Base):
    def __init__(self):
        super().__init__()
        self.extra = 1
    def other(self):
        return 2
print(sys.getrefcount(Child))
c = Child()
print(len(c.items), c.extra)
del c
del Child
print(gc.collect())
del Base
print(gc.collect())
