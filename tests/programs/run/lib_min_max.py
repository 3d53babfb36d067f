import sys
k = 99999
k = k + 1
xs = [3, k, -7, k + 0, 42]
big = max(xs)
print(big, big is xs[1], min(xs), sys.getrefcount(big))
print(max(3, 9, 2), min(3, 9, 2), max(2.5, 1), min('pear', 'apple'))
print(max(range(250)), min(range(5, 250)))
t = ('b', 'a', 'c')
print(max(t), min(t))
a = [1, 2]
b = [1, 3]
print(max(a, b) is b, min([a, b]) is a, sys.getrefcount(a))
m = max([[5], [6]])
print(m, sys.getrefcount(m))
