def make():
    items = [1, 2]
    return lambda i: items[i]
get = make()
print(get(1))
print(get(5))
