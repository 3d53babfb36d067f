import operator, sys
from operator import itemgetter, attrgetter
pairs = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(pairs, key=itemgetter(1)))
print(sorted(pairs, key=operator.itemgetter(0)))
print(max(pairs, key=itemgetter(1)), min(pairs, key=itemgetter(1)))
g = itemgetter(1)
print(g, g(pairs), g('xyz'), g({1: 'one'}))
h = itemgetter(0, 2)
print(h, h('abcd'), h([5, 6, 7]))
print(sys.getsizeof(g), sys.getsizeof(h))
words = {'apple': 3, 'pear': 5, 'fig': 1}
print(sorted(words.items(), key=itemgetter(1), reverse=True))
print(list(map(itemgetter(0), pairs)))
rows = [[1, 'x'], [0, 'y']]
rows.sort(key=itemgetter(0))
print(rows)
del g, h
print(len(pairs))
