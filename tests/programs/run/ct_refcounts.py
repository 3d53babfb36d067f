# References a Counter holds: one per key and per count; a missing key is not stored.
import sys
import collections

key = ''.join(['some', 'key'])
value = int('1' + '0' * 20)
c = collections.Counter()
print(sys.getrefcount(key), sys.getrefcount(c))
c[key] = value
print(sys.getrefcount(key), sys.getrefcount(value))
print(c['other'], len(c), sys.getrefcount(key))
c[key] += 1
print(sys.getrefcount(value), c[key] - value)
big = c[key]
print(sys.getrefcount(big))
del c[key]
print(sys.getrefcount(key), sys.getrefcount(big), len(c))
del c['never']
print(len(c), c)
d = c
print(sys.getrefcount(c))
del d
print(sys.getrefcount(c))
