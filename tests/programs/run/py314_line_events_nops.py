import sys
items = []
for i in range(4):
    if i % 2:
        continue
    items.append(i)
if True:
    items.append(10)
while False:
    items.append(11)
if items:
    pass
def nothing():
    pass
nothing()
print(items, sys.getsizeof(items), sys.getrefcount(items))
