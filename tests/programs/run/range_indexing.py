import sys
r = range(10)
print(r[0], r[-1], r[3], len(r), sys.getsizeof(r))
evens = range(0, 20, 2)
print(evens[4], evens[-2], list(evens)[-1])
down = range(10, 0, -3)
print(down[0], down[1], list(down))
try:
    r[10]
except IndexError as e:
    print("IndexError:", e)
try:
    range(3)[-4]
except IndexError as e:
    print("IndexError:", e)
print(range(5)[True])
