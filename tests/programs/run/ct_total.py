# total() (3.10+): the sum of the counts.
import collections

c = collections.Counter('abracadabra')
try:
    print(c.total())
except AttributeError as e:
    print('AttributeError', e)
c['x'] = -4
try:
    print(c.total())
except AttributeError as e:
    print('AttributeError', e)
e = collections.Counter()
try:
    print(e.total())
except AttributeError as e:
    print('AttributeError', e)
