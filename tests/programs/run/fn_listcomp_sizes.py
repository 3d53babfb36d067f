import sys
a = [x for x in range(5)]
print(a, sys.getsizeof(a), sys.getsizeof([0, 1, 2, 3, 4]))
b = [x * y for x in range(3) for y in range(4) if x != y]
print(b, sys.getsizeof(b))
s = {x % 3 for x in range(10)}
print(len(s), sys.getsizeof(s))
d = {k: k * 2 for k in range(7)}
print(d, sys.getsizeof(d))
words = ['a', 'bb', 'ccc']
e = {w: len(w) for w in words}
print(e, sys.getsizeof(e))
big = [1000 + i for i in range(20)]
print(sys.getsizeof(big), sys.getrefcount(big[3]))
def f(n):
    k = [n]
    r = [i + n for i in range(n)]
    print(sys.getrefcount(k), sys.getsizeof(r))
    return r
print(f(9))
x = 'kept'
c = [x for x in range(3)]
print(x, c)
