import sys
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p = (100, [1])
q, r = p
print(q, r, sys.getrefcount(r))
(m, n), o = (1, 2), 3
print(m, n, o)
first, second, third, fourth = 'w', 'x', 'y', 'z'
print(first + fourth)
for k, v in [(1, 'one'), (2, 'two')]:
    print(k, v)
