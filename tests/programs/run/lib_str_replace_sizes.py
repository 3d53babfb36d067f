import sys
s = 'a b c d'.replace(' ', '-')
r = s.replace('-', '')
print(r, sys.getsizeof(r))
w = s.replace('-', '\u20ac')
print(w, sys.getsizeof(w))
same = s.replace('x', 'y')
print(same is s, sys.getrefcount(same))
print('aaaa'.replace('aa', 'b'), 'banana'.replace('an', 'AN'))
