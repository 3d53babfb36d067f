import sys
class E(Exception):
    pass
class Guard:
    def __init__(self, swallow):
        self.swallow = swallow
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        if v is None:
            print("exit clean", t is None, tb is None)
            return False
        print("exit", t is E, repr(v), sys.getrefcount(v), sys.getrefcount(tb), sys.getrefcount(t))
        return self.swallow
g = Guard(True)
with g:
    raise E("in body")
print("suppressed", sys.getrefcount(E))
with g:
    x = [1]
def f(swallow):
    with Guard(swallow):
        raise E(1)
    return 5
print(f(True))
try:
    f(False)
except E as e:
    print("propagated", repr(e), sys.getrefcount(E))
print(sys.getrefcount(E), sys.getrefcount(g))
