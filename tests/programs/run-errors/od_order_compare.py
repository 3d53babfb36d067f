import collections

a = collections.OrderedDict([('x', 1)])
b = collections.OrderedDict([('x', 1)])
print(a == b, a <= b if False else 'skip')
print(a < b)
