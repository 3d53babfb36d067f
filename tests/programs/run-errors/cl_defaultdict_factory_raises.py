import collections


def factory():
    return 1 // 0


d = collections.defaultdict(factory)
d['a'] = 1
print(d['a'])
print(d['b'])
