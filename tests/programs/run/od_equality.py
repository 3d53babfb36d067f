# == between OrderedDicts compares order too; with a dict only the items.
import collections

a = collections.OrderedDict([('x', 1), ('y', 2)])
b = collections.OrderedDict([('y', 2), ('x', 1)])
c = collections.OrderedDict([('x', 1), ('y', 2)])
d = {'y': 2, 'x': 1}
print(a == b, a == c, a != b, a != c)
print(a == d, d == a, b == d, a != d)
b.move_to_end('y')
print(a == b, a != b)
c['y'] = 3
print(a == c, a == [('x', 1), ('y', 2)], a == 'x')
print(collections.OrderedDict() == {}, collections.OrderedDict() == collections.OrderedDict())
print([a] == [b], (a, 1) == (b, 1))
