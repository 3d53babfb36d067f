import sys
class Ctx:
    def __init__(self):
        self.log = []
    def __enter__(self):
        print("enter", sys.getrefcount(self))
        return self
    def __exit__(self, a, b, c):
        print("exit", sys.getrefcount(self), a, b, c)
        return False
c = Ctx()
with c as x:
    print("body", sys.getrefcount(c))
print(sys.getrefcount(c))
with Ctx() as y:
    print("body2", sys.getrefcount(y))
print(sys.getrefcount(y))
with c:
    print("body3", sys.getrefcount(c))
def f():
    with c as z:
        print("fbody", sys.getrefcount(c))
        return 5
print(f())
