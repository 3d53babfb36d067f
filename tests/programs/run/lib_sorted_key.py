import sys
def second(pair):
    return pair[1]
pairs = [('a', 3), ('b', 1), ('c', 2)]
by = sorted(pairs, key=second)
print(by, sys.getsizeof(by), pairs[0] is by[2])
print(sorted(pairs, key=second, reverse=True), sorted([3, 1, 2], reverse=True))
words = 'pear fig banana kiwi'.split()
s = sorted(words, key=lambda w: -len(w))
print(s, sys.getrefcount(words[0]), sorted(range(5), key=None, reverse=True))
