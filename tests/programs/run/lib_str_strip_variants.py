import sys
s = '\t  text with spaces \n'
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(sys.getsizeof(s.strip()), sys.getsizeof(s))
u = '  caf\xe9  '
print(repr(u.strip()), sys.getsizeof(u.strip()))
e = '   '
print(repr(e.strip()), e.strip() is '')
print('xxabcxx'.strip('x'), 'abc'.rstrip('cb'), 'abc'.lstrip('ab'))
