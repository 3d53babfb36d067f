import collections

c = collections.Counter('aabbbc')
print(c.most_common(1))
n = c.total()
print(n, c)
