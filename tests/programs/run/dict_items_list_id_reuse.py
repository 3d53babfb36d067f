# The item tuples list(d.items()) makes, and the blocks they free: 3.8–3.12 hand out
# the item iterator's own tuple first, 3.13+ a new tuple per item.
import sys
d = {'b': [2], 'a': [1], 'c': [3]}
x = list(d.items())
first = id(x[0])
second = id(x[1])
del x
y = list(d.items())
print(id(y[0]) == first, id(y[1]) == first, id(y[0]) == second, id(y[2]) == second)
z = sorted(d.items())
print(sys.getrefcount(z[0]), z)
