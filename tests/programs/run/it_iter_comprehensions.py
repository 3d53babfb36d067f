import sys
class Bag:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        for x in self.items:
            yield x
class Deck:
    def __init__(self, cards):
        self.cards = cards
    def __iter__(self):
        return iter(self.cards)
b = Bag([1, 2, 3])
d = Deck(['a', 'b'])
xs = [x * 2 for x in b]
print(xs, sys.getsizeof(xs), sys.getrefcount(b))
ys = {c: n for c in d for n in b if n > 1}
print(ys, sys.getrefcount(b), sys.getrefcount(d))
zs = [[c for c in d] for n in b]
print(zs, sys.getrefcount(b), sys.getrefcount(d))
def f(bag):
    return [v + 1 for v in bag]
print(f(b), f(b), sys.getrefcount(b))
