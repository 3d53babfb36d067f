import sys
def neg(x):
    return -x
xs = [3, 1, 2, 5, 4]
xs.sort(key=neg)
print(xs, sys.getsizeof(xs))
words = 'pear fig banana kiwi apple'.split()
words.sort(key=lambda w: w[-1])
print(words)
