# Nested defaultdicts made by a lambda factory.
import sys
import collections

tree = collections.defaultdict(lambda: collections.defaultdict(int))
tree['a']['x'] += 1
tree['a']['y'] += 2
tree['b']['x'] += 3
print(len(tree), len(tree['a']), tree['a']['x'], tree['b']['y'], len(tree['b']))
print(sys.getsizeof(tree), sys.getsizeof(tree['a']), sys.getsizeof(tree['c']))
inner = tree['a']
print(sys.getrefcount(inner))
del tree
print(sys.getrefcount(inner), inner['y'], len(inner))
