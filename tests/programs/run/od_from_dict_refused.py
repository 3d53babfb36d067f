# OrderedDict(a dict) goes through PyDict_Items (a list of new tuples): not modelled.
import collections

od = collections.OrderedDict({'a': 1, 'b': 2})
print(od)
