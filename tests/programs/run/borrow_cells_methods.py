import sys
class Box:
    def __init__(self, v):
        self.v = v
    def peek(self, other):
        return sys.getrefcount(self), sys.getrefcount(other)
def plain():
    b = Box(1)
    o = []
    print('method', b.peek(o))
def captured():
    b = Box(2)
    o = []
    def show():
        return b.v, len(o)
    print('cells', b.peek(o), show())
b = Box(3)
print('module', b.peek([]))
plain()
captured()
