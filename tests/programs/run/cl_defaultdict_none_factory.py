# defaultdict() and defaultdict(None): no factory, a missing key is a KeyError.
import sys
import collections

d = collections.defaultdict()
n = collections.defaultdict(None)
print(d, n, d.default_factory, sys.getsizeof(d))
d['k'] = 1
print(d, d['k'], len(d))
try:
    d['missing']
except KeyError as e:
    print('KeyError', e, len(d))
print(d.get('missing', 'fallback'), 'missing' in d)
