import sys
fresh = ValueError("never raised")
print(fresh.__traceback__ is None)
def inner(x):
    return x[4]
def outer(x):
    return inner(x)
try:
    outer([1])
except IndexError as e:
    tb = e.__traceback__
    print(sys.getsizeof(tb), sys.getrefcount(tb))
print(sys.getrefcount(tb))
del tb
try:
    raise KeyError("k")
except KeyError as e:
    print(sys.getsizeof(e.__traceback__), sys.getrefcount(e.__traceback__))
