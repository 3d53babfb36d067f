# Past 512 bytes a growing str leaves pymalloc for the C library's realloc.
import sys
def build(n):
    s = str(n)
    moves = 0
    for i in range(n):
        small = sys.getsizeof(s) < 500
        if small:
            a = id(s)
        s += 'x'
        if small and sys.getsizeof(s) < 500:
            moves += id(s) != a
    return len(s), sys.getsizeof(s), moves

print(build(100))
print(build(700))
print(build(3000))
