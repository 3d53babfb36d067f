import sys
seen = {1, 2}
alias = seen
seen |= {3, 4, 5}
print(seen, alias is seen, sys.getsizeof(seen))
seen -= {1, 5}
print(seen, sys.getsizeof(seen))
seen ^= {3, 10}
print(seen, sys.getsizeof(seen))
big = set(range(64))
big -= set(range(60))
print(big, sys.getsizeof(big))
small = {1, 2}
small -= set(range(100))
print(small, sys.getsizeof(small))
f = frozenset([1])
g = f
f |= {2}
print(f, g, f is g, type(f).__name__)
total = set()
for i in range(30):
    total |= {i, i + 100}
print(len(total), sys.getsizeof(total))
