import sys
def logged(func):
    calls = []
    def wrapper(*args, **kwargs):
        calls.append(len(args) + len(kwargs))
        return func(*args, **kwargs)
    return wrapper
@logged
def area(width, height=1, *, unit='m'):
    return sys.getrefcount(width), width * height, unit
w = [3]
print(sys.getrefcount(w))
print(area(w, 2)[0], area(w, height=2)[0], area(w, unit='cm')[0])
print(area([2], 5, unit='km')[1:])
def passthrough(*args, **kwargs):
    return args, kwargs, sys.getsizeof(kwargs)
print(passthrough(*[1, 2], **{'k': 3}))
print(passthrough(*(1,), **{}))
