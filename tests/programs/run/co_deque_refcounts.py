# A deque holds one reference per slot; pops hand it back, bounded deques drop the far end.
import sys
import collections

x = ['item']
y = ['other']
print(sys.getrefcount(x))
d = collections.deque([x, x, y])
print(sys.getrefcount(x), sys.getrefcount(y), sys.getrefcount(d))
d.append(x)
d.appendleft(y)
print(sys.getrefcount(x), sys.getrefcount(y), len(d))
z = d.pop()
print(z is x, sys.getrefcount(x))
del z
print(sys.getrefcount(x))
print(d.popleft() is y, sys.getrefcount(y))
print(d[0] is x, d[1] is x, d[2] is y, d[-1] is y)

bounded = collections.deque(maxlen=2)
bounded.append(x)
bounded.append(y)
print(bounded, sys.getrefcount(x), sys.getrefcount(y))
bounded.append(y)
print(bounded, sys.getrefcount(x), sys.getrefcount(y))
bounded.appendleft(x)
print(bounded, sys.getrefcount(x), sys.getrefcount(y))
print(sys.getsizeof(bounded), bounded.maxlen, d.maxlen)

zero = collections.deque([x, y], 0)
print(zero, len(zero), sys.getrefcount(x))
last3 = collections.deque(range(10), maxlen=3)
print(last3, last3[0], last3[-1])
d.clear()
print(sys.getrefcount(x), sys.getrefcount(y), d)
holder = collections.deque()
holder.append(d)
print(sys.getrefcount(d))
del holder
print(sys.getrefcount(d))
