# Only a right side of the same or a narrower kind grows a str in place.
import sys
def grow(s, t, n):
    same = []
    for i in range(n):
        a = id(s)
        s += t
        same.append(id(s) == a)
    return sys.getsizeof(s), ''.join('T' if x else '.' for x in same)

print(grow(str(1) + 'ab', 'c', 6))
print(grow(str(1) + 'ab', 'é', 6))
print(grow(str(1) + 'é', 'c', 6))
print(grow(str(1) + 'é', 'ü', 6))
print(grow(str(1) + '€', 'é', 6))
print(grow(str(1) + '€', '😀', 6))
print(grow(str(1) + '😀', '€', 6))
