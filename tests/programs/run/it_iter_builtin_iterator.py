import sys
class Deck:
    def __init__(self, cards):
        self.cards = cards
    def __iter__(self):
        return iter(self.cards)
class Span:
    def __iter__(self):
        return iter(range(3))
class Keys:
    def __init__(self):
        self.d = {'a': 1, 'b': 2}
    def __iter__(self):
        return iter(self.d)
cards = ['ace', 'king', 'queen']
d = Deck(cards)
print(sys.getrefcount(d), sys.getrefcount(cards))
for c in d:
    print(c, sys.getrefcount(d), sys.getrefcount(cards))
print(sys.getrefcount(d), sys.getrefcount(cards))
xs = list(d)
ks = list(Keys())
print(xs, sys.getsizeof(xs), sys.getrefcount(cards))
it = iter(d)
print(sys.getrefcount(cards), next(it, None))
del it
print(sys.getrefcount(cards))
print(sum(Span()), ks, sys.getsizeof(ks))
t = Deck((4, 5))
print(sum(t))
for k in Keys():
    print(k)
