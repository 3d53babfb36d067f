import sys
items = [[1], [2], [3]]
for item in items:
    print(sys.getrefcount(item))
for item in (items[0], items[1]):
    print(sys.getrefcount(item))
print(sys.getrefcount(item))
