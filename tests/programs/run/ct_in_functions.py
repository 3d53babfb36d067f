# Counters made and dropped in functions; words counted in a loop.
import sys
import collections


def count_words(text):
    c = collections.Counter()
    for word in text.split():
        c[word] += 1
    return c


def top(text, n):
    return count_words(text).most_common(n)


text = 'the cat and the hat and the bat'
c = count_words(text)
print(c, sys.getsizeof(c), sys.getrefcount(c))
print(top(text, 2), top(text, 1), top(text, 10))
for i in range(3):
    x = collections.Counter(text.split())
    print(len(x), sys.getsizeof(x))
del x
print(c['the'], c['dog'])
