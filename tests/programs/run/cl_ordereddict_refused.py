# collections.OrderedDict is not modelled: refused.
import collections

o = collections.OrderedDict()
o['a'] = 1
print(o)
