import sys
l = [10, 20, 30, 20]
print(l.index(20), l.count(20), l.count(99), (1, 2, 1).count(1), (5, 6).index(6))
d = {'a': 1, 'b': 2, 'c': 3}
v = d.pop('b')
print(v, d, d.pop('zz', 'none'), sys.getsizeof(d))
print(d.setdefault('a', 100), d.setdefault('n', 5), d)
s = {1, 2, 3}
s.remove(2)
print(s, sys.getsizeof(s))
word = 'Hello'
up = word.upper()
print(up, word.lower(), sys.getsizeof(up), up is word)
parts = ['ab', 'cd', 'ef']
joined = '-'.join(parts)
print(joined, sys.getsizeof(joined), ''.join(['solo']) is parts[0], ', '.join(('x', 'yz')))
only = ['alone' + '!']
print(''.join(only) is only[0], ''.join([]) == '')
