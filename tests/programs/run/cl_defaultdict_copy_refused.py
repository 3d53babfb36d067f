# defaultdict.copy() (defdict_copy: a new defaultdict through the type call) is refused.
import collections

d = collections.defaultdict(list)
d['a'].append(1)
e = d.copy()
print(e)
