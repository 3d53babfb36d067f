import sys
xs = [5, 3, 9, 1, 7, 3, 0, -2]
print(sys.getsizeof(xs))
xs.sort()
print(xs, sys.getsizeof(xs))
xs.sort(reverse=True)
print(xs, sys.getsizeof(xs))
words = ['pear', 'apple', 'fig', 'banana', 'apple']
words.sort()
print(words)
fs = [2.5, 1, 0.5, 3, -1.0]
fs.sort()
print(fs)
