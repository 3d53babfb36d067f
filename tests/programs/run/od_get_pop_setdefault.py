# get (dict's), pop with and without a default, setdefault of old and new keys.
import sys
import collections

od = collections.OrderedDict()
od['a'] = 1
od['b'] = 2
print(od.get('a'), od.get('z'), od.get('z', 'dflt'))
print(od.pop('a'), od.pop('z', None), od.pop('z', 5))
print(od.setdefault('b', 9), od.setdefault('c'), od.setdefault('d', []))
od['d'].append(1)
print(od, sys.getsizeof(od))
print(od['b'], od['d'])
od['b'] += 10
print(od, list(od))
