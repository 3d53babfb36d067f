# repr of defaultdicts inside containers and of a defaultdict holding itself.
import collections

d = collections.defaultdict(list)
d[1].append(2)
print([d, d], {'k': d}, (d,))
d['self'] = d
print(d)
print(repr(d))
d.clear()
print(d, repr(d) == repr(d))
