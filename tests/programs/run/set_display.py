import sys
x = 7
print(sys.getsizeof({1, 2, 3}))
print(sys.getsizeof({1, 2}))
print(sys.getsizeof({x}))
print(sys.getsizeof(set([1, 2, 3, 4, 5])))
print(sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
s = {3, 1, 2}
print(s, 2 in s, 5 in s)
t = s.copy()
print(t == s, t is s, sys.getsizeof(t))
