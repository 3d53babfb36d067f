import sys
d = {'a': [1], 'b': [2], 'c': [3]}
ids = []
for k, v in d.items():
    print(k, v, sys.getrefcount(v))
print(sys.getsizeof(d.items()), sys.getsizeof(d.keys()), sys.getsizeof(d.values()))
last = None
for pair in d.items():
    print(pair, sys.getrefcount(pair))
    last = pair
print(last, sys.getrefcount(last))
