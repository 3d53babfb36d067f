import sys
def fail(x):
    y = x
    z = [x, x]
    raise RuntimeError("fail")
obj = [1]
try:
    fail(obj)
except RuntimeError:
    print("in handler", sys.getrefcount(obj))
print("after", sys.getrefcount(obj))
