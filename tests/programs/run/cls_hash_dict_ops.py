import sys

class Card:
    def __init__(self, rank, suit):
        self.rank = rank
        self.suit = suit

    def __eq__(self, other):
        if not isinstance(other, Card):
            return NotImplemented
        return (self.rank, self.suit) == (other.rank, other.suit)

    def __hash__(self):
        return hash((self.rank, self.suit))

    def __repr__(self):
        return "Card(%r, %r)" % (self.rank, self.suit)

counts = {}
hand = [Card(r, s) for r in (2, 3, 2, 14) for s in (1, 2, 1)]
for c in hand:
    counts[c] = counts.get(c, 0) + 1
print(counts)
print(sys.getsizeof(counts), len(counts))
print(counts.pop(Card(2, 1)), Card(2, 1) in counts)
print(counts.setdefault(Card(3, 2), 99), counts.setdefault(Card(9, 9), 0))
merged = {**counts, Card(14, 2): "ace"}
print(merged[Card(14, 2)], len(merged))
print(list({c: None for c in hand}))
print(Card(2, 1) == Card(2, 1), Card(2, 1) != Card(2, 2), Card(2, 1) == 5)
