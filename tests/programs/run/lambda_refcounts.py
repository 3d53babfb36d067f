import sys
items = [1000, 2000]
get = lambda: items
print(sys.getrefcount(items))
x = get()
print(sys.getrefcount(items))
del x
print(sys.getrefcount(items))
ident = lambda v: v
y = ident(items)
print(sys.getrefcount(items))
