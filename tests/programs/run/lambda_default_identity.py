shared = [1, 2, 3]
get = lambda x=shared: x
print(get() is shared)
print(get([9]) is shared)
