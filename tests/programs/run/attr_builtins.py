# getattr (with a default), hasattr, setattr and delattr on instances (a missing name makes no error object); __dict__ of a slots instance is missing.
import sys
class P:
    def __init__(self):
        self.x = 1
class S:
    __slots__ = ("a",)
    def __init__(self):
        self.a = 2
p = P()
s = S()
print(getattr(p, "x"), getattr(p, "y", 0), getattr(s, "a"), getattr(s, "b", None))
setattr(p, "y", [2])
print(p.y, hasattr(p, "y"), hasattr(p, "z"), hasattr(s, "a"), hasattr(p, "__dict__"), hasattr(s, "__dict__"))
delattr(p, "y")
print(hasattr(p, "y"), sys.getsizeof(p.__dict__))
for name in ("x", "missing"):
    print(name, getattr(p, name, "default"))
value = [1, 2]
q = P()
setattr(q, "held", value)
print(sys.getrefcount(value))
delattr(q, "held")
print(sys.getrefcount(value))
