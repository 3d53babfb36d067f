import sys
def trace(func):
    log = []
    def wrapper(*args):
        log.append(args)
        return func(*args)
    return wrapper
@trace
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4))
big = [0] * 3
print(sys.getrefcount(big))
@trace
def keep(x):
    return sys.getrefcount(x)
print(keep(big), sys.getrefcount(big))
