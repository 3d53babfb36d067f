import functools
import sys


def counted(f):
    calls = 0

    @functools.wraps(f)
    def wrapper(*args):
        nonlocal calls
        calls += 1
        print('call', calls, f.__name__)
        return f(*args)
    return wrapper


def logged(f):
    @functools.wraps(f)
    def wrapper(*args):
        print('log', wrapper.__name__, len(args))
        return f(*args)
    return wrapper


@logged
@counted
def square(n):
    """Square a number."""
    return n * n


print(square(4), square(5))
print(square.__name__, square.__qualname__, square.__doc__)
mid = square.__wrapped__
base = mid.__wrapped__
print(mid.__name__, base.__name__, mid.__doc__)
print(sys.getrefcount(mid), sys.getrefcount(base))
print(len(square.__dict__), len(mid.__dict__), len(base.__dict__))
print(square.__dict__['__wrapped__'] is mid, mid.__dict__['__wrapped__'] is base)
again = counted(mid)
print(again.__wrapped__ is mid, sys.getrefcount(mid), sys.getrefcount(base))
print(again(3))
del again
print(sys.getrefcount(mid), sys.getrefcount(base))
del square
print(sys.getrefcount(mid), sys.getrefcount(base))
del mid
print(sys.getrefcount(base))
