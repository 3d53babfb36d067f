import sys
def collector():
    items = []
    while True:
        item = yield len(items)
        if item is None:
            break
        items.append(item)
    yield items
c = collector()
print(next(c))
payload = [1, 2, 3]
print(sys.getrefcount(payload))
print(c.send(payload))
print(sys.getrefcount(payload))
print(c.send([4]))
result = c.send(None)
print(result, sys.getsizeof(result))
print(sys.getrefcount(payload))
