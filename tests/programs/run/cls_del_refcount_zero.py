import sys
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, sys.getrefcount(self))
a = R("a")
b = R("b")
del a
print("after a")
b = None
print("after b")
items = [R("x"), R("y"), R("z")]
del items
print("after list")
def f():
    r = R("local")
    print("in f")
f()
print("after f")
c = R("c")
c = R("d")
del c
print("end")
