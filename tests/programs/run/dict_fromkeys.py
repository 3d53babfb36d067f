# dict.fromkeys: from a list or a str key by key (the dict grows as inserts need), from a
# dict or a set with one resize up front; every key maps to the same value object.
import sys

names = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
d1 = dict.fromkeys(names)
print(d1, sys.getsizeof(d1))
d2 = dict.fromkeys(names, 0)
print(d2, sys.getsizeof(d2))
shared = []
d3 = dict.fromkeys(range(12), shared)
print(len(d3), sys.getsizeof(d3), sys.getrefcount(shared))
d3[0].append(1)
print(d3[11])
template = {'x': 1, 'y': 2, 'z': 3}
d4 = dict.fromkeys(template, None)
print(d4, sys.getsizeof(d4), sys.getsizeof(template))
big = {i: i for i in range(40)}
d5 = dict.fromkeys(big, 'v')
print(len(d5), sys.getsizeof(d5), sys.getsizeof(big))
d6 = dict.fromkeys({3, 1, 2, 100, 7})
print(d6, sys.getsizeof(d6))
d7 = dict.fromkeys(frozenset([5, 6]), 1.5)
print(d7, sys.getsizeof(d7))
d8 = dict.fromkeys('hello')
print(d8, sys.getsizeof(d8))
d9 = dict.fromkeys([])
print(d9, sys.getsizeof(d9))
d10 = dict.fromkeys((i * 2 for i in range(6)), 'even')
print(d10, sys.getsizeof(d10))
for n in [5, 6, 11, 21, 22, 43]:
    print(n, sys.getsizeof(dict.fromkeys(range(n))), sys.getsizeof(dict.fromkeys(set(range(n)))),
          sys.getsizeof(dict.fromkeys(dict.fromkeys(range(n)))))
a = dict.fromkeys(names)
del a
b = dict.fromkeys(names)
print(sys.getsizeof(b))
