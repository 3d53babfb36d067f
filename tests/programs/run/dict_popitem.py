import sys
d = {'a': 1, 'b': 2, 'c': 3}
print(d.popitem(), d)
k, v = d.popitem()
print(k, v, d, len(d))
d['z'] = 26
print(d, sys.getsizeof(d))
stack = {i: str(i) for i in range(6)}
while stack:
    print(stack.popitem(), end=' ')
print()
try:
    stack.popitem()
except KeyError as e:
    print('KeyError', e)
pair = {'x': [1]}.popitem()
print(pair, sys.getrefcount(pair[1]))
