import sys
a = ''.join(['pymem ', 'sys w'])
b = ''.join(['pymem ', 'sys w'])
print(a == b, a is b)
c = sys.intern(a)
print(c is a)
d = sys.intern(b)
print(d is a, d is b)
print(sys.getsizeof(a), sys.getsizeof(d))
k = 'hello'
print(sys.intern(k) is k)
e = sys.intern('a b c')
print(e == 'a b c')
print(sys.intern('') == '')
