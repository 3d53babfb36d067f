import sys
squares = []
i = 0
while i < 25:
    squares.append(i * i)
    i += 1
print(squares[-1], len(squares), sys.getsizeof(squares))
evens = []
for v in squares:
    if v % 2 == 0:
        evens.append(v)
print(evens, sys.getsizeof(evens))
