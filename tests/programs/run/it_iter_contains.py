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
print(2 in b, 5 in b, 'b' in d, 'z' not in d, sys.getrefcount(b), sys.getrefcount(d))
hits = 0
for n in range(5):
    if n in b:
        hits += 1
print(hits, sys.getrefcount(b))
e = Deck([])
print(1 in e, [] in Deck([[]]), sys.getrefcount(e))
