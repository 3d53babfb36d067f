import sys
s = 'hello world'
r = s.replace('o', '0')
print(r, sys.getsizeof(r), s.replace('z', 'y') is s, s.replace('o', 'o') is s)
print(s.replace('hello ', ''), s.replace('hello world', ''), 'aaa'.replace('a', 'bb'))
t = '  spaced out  '
print(repr(t.strip()), repr(t.lstrip()), repr(t.rstrip()), sys.getsizeof(t.strip()))
w = 'tight'
print(w.strip() is w, w.lstrip('x') is w, 'xxhixx'.strip('x'), '--'.strip('-') is '')
mid = ' a '
print(mid.strip(), len(mid.strip()))
