import sys
def keep(value):
    print(sys.getrefcount(value))
    def get():
        return value
    print(sys.getrefcount(value))
    return get
item = [7]
print(sys.getrefcount(item))
g = keep(item)
print(sys.getrefcount(item), g() is item)
del g
print(sys.getrefcount(item))
def plain(value):
    print(sys.getrefcount(value))
plain(item)
