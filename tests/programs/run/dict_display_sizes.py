import sys
v = 5
print(sys.getsizeof({}))
print(sys.getsizeof({'a': 1}))
print(sys.getsizeof({'a': 1, 'b': 2}))
print(sys.getsizeof({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}))
print(sys.getsizeof({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}))
print(sys.getsizeof({'a': v, 'b': v, 'c': v, 'd': v, 'e': v, 'f': v, 'g': v, 'h': v, 'i': v, 'j': v, 'k': v}))
print(sys.getsizeof({1: 'a', 2: 'b'}))
print(sys.getsizeof({v: 1}))
print(sys.getsizeof({1: 2, 'x': 3}))
