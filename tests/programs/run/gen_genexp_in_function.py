import sys
def total_len(rows):
    return sum(len(r) for r in rows)
rows = [[1, 2], [3], [4, 5, 6]]
print(total_len(rows), sys.getrefcount(rows))
def squares_of(xs):
    g = (x * x for x in xs)
    return g
s = squares_of(rows[0])
print(sys.getsizeof(s), next(s), next(s), next(s, None))
