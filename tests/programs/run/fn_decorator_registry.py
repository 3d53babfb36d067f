import sys
registry = []
def register(func):
    registry.append(func)
    return func
@register
def one():
    return 1
@register
def two():
    return 2
print(len(registry), registry[0] is one, sys.getrefcount(one))
print([f() for f in registry])
del one
print(sys.getrefcount(registry[0]), registry[0]())
