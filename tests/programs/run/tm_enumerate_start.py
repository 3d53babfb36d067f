# enumerate(x, start): start only sets the first index; the object's size is the same,
# and each index is a new int (held by the result tuple while the loop runs).
import sys
x = ['a', 'b', 'c']
e = enumerate(x, 1000)
print(sys.getsizeof(e) == sys.getsizeof(enumerate(x)))
for i, v in e:
    print(i, v, sys.getrefcount(i))
for i, v in enumerate(x, -2):
    print(i, v)
for i, v in enumerate(x, True):
    print(i, v)
k = 10 ** 12
for i, v in enumerate(x, k):
    print(i - k, v, sys.getsizeof(i))
t = None
for t in enumerate(['x', 'y'], 5000):
    print(t, sys.getrefcount(t), sys.getrefcount(t[0]))
