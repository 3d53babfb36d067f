import sys
# A generator expression using its function's locals takes them as cells (a closure).
def make(n, extra):
    g = (i + n + len(extra) for i in range(3))
    print(sys.getsizeof(g), sys.getrefcount(extra))
    return g
held = [7]
g = make(100, held)
print(sys.getrefcount(held), next(g), list(g))
del g
print(sys.getrefcount(held))
def scaled(xs, k):
    return list(x * k for x in xs)
print(scaled([1, 2, 3], 10), scaled((), 2))
def outer():
    base = [1]
    gens = [(x + len(base) for x in range(2)) for _ in range(2)]
    return [list(q) for q in gens]
print(outer())
def nested(data, limit):
    return [sum(v for v in row if v > limit) for row in data]
print(nested([[1, 2, 3, 4], [5]], 2))
def words(text):
    sep = " "
    return sep.join(w for w in text.split(sep) if w)
print(words("a  b c"))
