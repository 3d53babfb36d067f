import sys
class Item:
    def __init__(self, n):
        self.n = n
items = []
for i in range(20):
    items.append(Item(i))
print(sys.getsizeof(items), len(items))
print(sys.getrefcount(items[0]), sys.getrefcount(Item))
total = 0
for it in items:
    total = total + it.n
print(total)
del items
print(sys.getrefcount(Item))
