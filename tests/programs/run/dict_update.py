import sys
a = {'x': 1, 'y': 2}
b = {}
b.update(a)
print(sys.getsizeof(b), b)
c = {'z': 3}
c.update(a)
print(sys.getsizeof(c), c)
big = {}
i = 0
while i < 20:
    big[i] = i
    i += 1
d = {}
d.update(big)
print(sys.getsizeof(d), len(d))
e = dict(big)
print(sys.getsizeof(e))
