import sys
words = ['a', 'bb', 'ccc']
print(dict(zip(words, map(len, words))))
def squares(n):
    for i in range(n):
        yield i * i
pairs = list(zip(squares(4), 'wxyz'))
print(pairs, sys.getsizeof(pairs))
for i, s in enumerate(squares(3)):
    print(i, s)
evens = filter(lambda x: x % 2 == 0, range(7))
print(list(zip(evens, map(str, range(10)))))
g = squares(10)
z = zip(g, [1, 2])
print(list(z), next(g))
print(list(enumerate(map(abs, [-1, -2]), start=5)))
