import sys
s = ''.join(['wo', 'rd'])
a = '%s' % s
print(a is s, sys.getrefcount(s))
b = '<%s>' % s
print(b, b is s, sys.getsizeof(b))
n = 7
c = 'n=%d' % n
print(c, sys.getsizeof(c))
d = '%s' % n
print(d == '7', d is '7', sys.getsizeof(d))
f = '%.3f' % 2.0005
print(f)
