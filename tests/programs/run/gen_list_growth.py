import sys
def upto(n):
    i = 0
    while i < n:
        yield i
        i += 1
a = list(upto(0))
b = list(upto(1))
c = list(upto(5))
d = list(upto(8))
e = list(upto(9))
f = list(upto(20))
print(sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(c))
print(sys.getsizeof(d), sys.getsizeof(e), sys.getsizeof(f))
print(f)
