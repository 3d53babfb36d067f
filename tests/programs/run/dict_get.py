d = {'a': 1, 'b': None}
print(d.get('a'), d.get('b'), d.get('c'), d.get('c', 42), d.get('a', 0))
print(d['a'], len(d))
d['c'] = [1, 2]
print(d)
del d['a']
print(d, 'a' in d)
d['a'] = 3
print(d)
