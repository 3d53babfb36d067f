import sys
x = 42
s = ''.join(['a', 'b', 'c'])
a = f"{x:>10}|{x:<6}|{x:^7}|{s:*^9}|{s:>2}"
print(a)
print(sys.getsizeof(a), sys.getrefcount(a))
b = f"{s:<3}"
print(b is s, sys.getrefcount(s))
c = f"{s:>5}"
print(c is s, len(c), sys.getsizeof(c))
