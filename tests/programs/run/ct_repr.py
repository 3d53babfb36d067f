# Counter.__repr__: Counter() when empty, else the items in most_common order.
import collections

print(collections.Counter())
print(repr(collections.Counter()))
c = collections.Counter('hello world')
print(c)
print(repr(c))
print(str(c))
n = collections.Counter([3, 1, 2, 3, 1, 3])
print(n)
m = collections.Counter()
m['neg'] = -2
m['zero'] = 0
m['pos'] = 4
m[(1, 'a')] = 1
print(m)
print(collections.Counter(['a']), collections.Counter([None, None]))
