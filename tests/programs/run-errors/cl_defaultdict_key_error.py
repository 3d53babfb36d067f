import collections

d = collections.defaultdict()
d['a'] = 1
print(d['a'])
print(d['b'])
