import collections

c = collections.Counter('abca')
print(c['z'], len(c))
del c['z']
print(c.pop('a'), c)
print(c.pop('a'))
