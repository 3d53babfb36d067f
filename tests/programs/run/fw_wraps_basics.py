import functools
import sys


def deco(f):
    @functools.wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner


@deco
def add(x, y):
    """Add two numbers."""
    return x + y


def plain(x):
    return x


print(add(2, 3))
print(add.__name__, add.__qualname__, add.__doc__, add.__module__)
print(add.__wrapped__.__name__, add.__wrapped__.__qualname__)
w = add.__wrapped__
print(sys.getrefcount(w), sys.getrefcount(add))
print(sys.getsizeof(add) == sys.getsizeof(w))
print(sys.getsizeof(add.__dict__), len(add.__dict__), '__wrapped__' in add.__dict__)
print(sys.getsizeof(w.__dict__), len(w.__dict__))
print(add.__wrapped__ is w, add.__dict__['__wrapped__'] is w)
print(w.__annotations__ is w.__annotations__, len(add.__annotations__))
print(plain.__name__, plain.__qualname__, plain.__doc__)
del add
print(sys.getrefcount(w))
d = deco(plain)
print(d.__name__, d.__qualname__, sys.getrefcount(plain), sys.getrefcount(d))
print(d.__wrapped__ is plain, d(7))
