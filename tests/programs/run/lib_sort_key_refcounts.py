import sys
seen = []
def key(item):
    seen.append(sys.getrefcount(item))
    return item[1]
a = ['a', 3]
b = ['b', 1]
c = ['c', 2]
rows = [a, b, c]
rows.sort(key=key)
print(rows, seen, sys.getrefcount(a))
rows.sort(key=lambda r: r[0], reverse=True)
print(rows)
words = 'pear fig banana kiwi apple'.split()
words.sort(key=lambda w: len(w))
print(words)
words.sort(key=None)
print(words)
