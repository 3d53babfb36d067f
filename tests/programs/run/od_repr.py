# repr: a list of pairs before 3.12, a dict's repr from 3.12; `...` for itself.
import collections

print(collections.OrderedDict())
od = collections.OrderedDict()
od['a'] = 1
od[2] = 'two'
od[(3, 4)] = [5, 6]
od[None] = {'k': 'v'}
print(od)
print(repr(od))
od.move_to_end('a')
print(od)
od['self'] = od
print(od)
inner = collections.OrderedDict()
inner['x'] = 1.5
outer = collections.OrderedDict()
outer['inner'] = inner
outer['empty'] = collections.OrderedDict()
print(outer)
print([outer['inner'], 3])
del od['self']
print(od)
