import sys
keys = list({'x': 1, 'y': 2, 'z': 3})
print(keys, sys.getsizeof(keys))
more = [0]
more.extend({'a': 1, 'b': 2})
print(more, sys.getsizeof(more))
