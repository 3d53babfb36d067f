keep = range(1)
def keep_function():
    return 0
ids = [id(s) for s in [range(3), range(5)]]
r = range(9)
print(id(r) == ids[1], id(r) == ids[0])
