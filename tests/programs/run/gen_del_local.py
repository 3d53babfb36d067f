import sys
def release(x):
    held = [x]
    yield sys.getrefcount(x)
    del held
    yield sys.getrefcount(x)
item = [1, 2]
g = release(item)
print(next(g), sys.getrefcount(item))
print(next(g), sys.getrefcount(item))
print(next(g, 'end'))
