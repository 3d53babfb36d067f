# A builtin exception leaving a with statement: __exit__ gets its class (a static type
# object), which it compares with `is` and may return True for, suppressing it.
import sys


class Resource:
    count = 0
    def __init__(self, name):
        self.name = name
        Resource.count += 1
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is ValueError
    def __del__(self):
        print("del", self.name)
with Resource("a") as r:
    print("using", r.name)
with Resource("b"):
    raise ValueError("swallowed")
try:
    with Resource("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
print(Resource.count)
r = None
print("end")
class Quiet:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type, exc_type is ValueError, exc)
        if exc is not None:
            print(sys.getrefcount(exc), sys.getrefcount(tb))
        return exc_type is ValueError
with Quiet():
    raise ValueError("swallowed")
with Quiet():
    pass
try:
    with Quiet():
        {}["k"]
except KeyError as e:
    print("caught", repr(e))
