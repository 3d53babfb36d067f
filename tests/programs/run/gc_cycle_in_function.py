import gc
gc.collect()
def build(n):
    items = []
    for i in range(n):
        items.append([i])
    items.append(items)
    return len(items)
print(build(5))
print(gc.collect())
print(build(10))
print(gc.collect())
