# Values called through an attribute: a weakref (weakref_call), a partial, an instance
# with __call__, each loaded from an instance's dict or a class.
import sys
import weakref
from functools import partial


class Parent:
    def __init__(self, name):
        self.name = name
        self.children = []


class Child:
    def __init__(self, parent):
        self.parent = weakref.ref(parent)
        parent.children.append(self)


def scale(k, x):
    return k * x


class Doubler:
    def __call__(self, x):
        return x * 2


class Holder:
    triple = partial(scale, 3)

    def __init__(self):
        self.double = partial(scale, 2)
        self.callable = Doubler()


p = Parent("root")
kids = [Child(p) for _ in range(3)]
print(len(p.children), kids[0].parent() is p, kids[1].parent().name)
print(sys.getrefcount(p))
r = kids[2].parent()
print(sys.getrefcount(p))
del r
del p
print(kids[0].parent())
h = Holder()
print(h.double(21), h.callable(4), Holder.triple(5))
print(sys.getrefcount(h.double), sys.getrefcount(h.callable))
