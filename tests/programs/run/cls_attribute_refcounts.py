import sys
class Box:
    pass
item = [1, 2]
b = Box()
b.item = item
print(sys.getrefcount(item))
b.other = item
print(sys.getrefcount(item))
del b.item
print(sys.getrefcount(item))
b.other = None
print(sys.getrefcount(item))
b.other = item
del b
print(sys.getrefcount(item))
