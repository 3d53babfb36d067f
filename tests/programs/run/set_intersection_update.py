import sys
a = {1, 2, 3, 4, 5}
b = {3, 4, 5, 6}
before = id(a)
a &= b
print(a, id(a) == before, sys.getsizeof(a))
big = set(range(50))
print(sys.getsizeof(big))
big &= {1, 2, 3}
print(big, sys.getsizeof(big))
small = {1, 2}
small &= set(range(40))
print(small, sys.getsizeof(small))
c = {10, 20, 30}
c &= {99}
print(c, len(c), sys.getsizeof(c))
words = {'x'}
words &= set()
print(words)
s = set(range(20))
alias = s
s &= {5, 15, 25}
print(alias is s, alias)
nums = set(range(10))
nums &= frozenset({2, 4, 6, 60})
print(nums)
