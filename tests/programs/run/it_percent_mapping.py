import sys
d = {'name': 'ab', 'n': 3, 'x': 1.5, 'k': ''.join(['wo', 'rd'])}
s = '%(name)s is %(n)d, %(x).2f|%(n)-4d|%(x)+.1e' % d
print(s, sys.getsizeof(s))
k = d['k']
print(sys.getrefcount(k))
r = '%(k)s' % d
print(r is k, sys.getrefcount(k), sys.getrefcount(d))
t = '<%(k)s>' % d
print(t, t is k, sys.getrefcount(k))
print('%(k)r %(k)s %(name)5s|' % d)
print('%%(k)s %(n)%' % {'n': 1} if False else '%%(k)s' % d)
print('no directives' % d, 'x' % [1], 'y' % range(2))
print('%()s|%(a(b))s|%(q)s' % {'': 7, 'a(b)': 8, 'q': 'é'})
try:
    print('%(name)s' % ('a',))
except TypeError as e:
    print('TypeError', e)
try:
    print('%(name)s %s' % d)
except TypeError as e:
    print('TypeError', e)
try:
    print('%(zz)s' % d)
except KeyError as e:
    print('KeyError', e, sys.getrefcount(d))
try:
    print('abc' % 5)
except TypeError as e:
    print('TypeError', e)
del r, t
print(sys.getrefcount(k))
