import sys
def squares(n):
    i = 0
    while i < n:
        yield [i] * i
        i += 1
sizes = []
for row in squares(6):
    sizes.append(sys.getsizeof(row))
print(sizes)
total = 0
for row in squares(4):
    total += len(row)
print(total)
