import sys
a = [1]
xs = [a, [], a]
print(any(xs), all(xs), sys.getrefcount(a))
print(all([]), any([[]]), all([a]), sys.getrefcount(a))
