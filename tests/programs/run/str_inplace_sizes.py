# getsizeof while a str grows in place, and tracemalloc's view of it.
import sys
def build(n):
    s = str(0)
    sizes = []
    for i in range(n):
        s += 'x'
        if i % 10 == 0:
            sizes.append(sys.getsizeof(s))
    return sizes

print(build(60))
print(build(60) == build(60))
