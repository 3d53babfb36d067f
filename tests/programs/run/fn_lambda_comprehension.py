import sys
squares = lambda n: [i * i for i in range(n)]
print(squares(4), sys.getsizeof(squares(4)))
pick = lambda d, keys: {k: d[k] for k in keys}
print(pick({'a': 1, 'b': 2, 'c': 3}, ['a', 'c']))
def outer(m):
    return lambda n: [m * i for i in range(n)]
print(outer(5)(3))
