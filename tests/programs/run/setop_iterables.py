import sys
s = set(range(250, 270))
print(len(s), sys.getsizeof(s), 260 in s, 300 in s)
t = frozenset(range(1000, 1010))
print(len(t), sys.getsizeof(t), type(t).__name__)
u = set('hello world')
print(len(u), sys.getsizeof(u), 'o' in u)
words = set(['apple', 'banana', 'cherry'])
other = set(['banana', 'date'])
print(len(words | other), len(words & other), len(words - other), len(words ^ other))
print(sys.getsizeof(words | other), sys.getsizeof(words & other), sys.getsizeof(words - other))
print(words & other, other - words == {'date'})
v = {1, 2, 3}
w = v | {4}
x = v & {2, 3}
print(sys.getrefcount(w), sys.getrefcount(x))
print(set(range(3)), frozenset(range(0)), set(range(0)))
print(set(frozenset([5, 6])), set(d for d in [1, 2]) if False else set({}.keys()))
a = set()
for i in range(20):
    a = a | {i}
print(len(a), sys.getsizeof(a))
