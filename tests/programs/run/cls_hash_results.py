class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
    def __eq__(self, other):
        return self.v == other.v

print(hash(H(-1)), hash(H(2**70)), hash(H(True)), hash(H(2**63 - 1)), hash(H(-2**63)))
print(len({H(-1), H(-2)}) if False else hash(H(12345678901234)))
s = {H(5), H(6), H(5), H(-1)}
print(len(s), sorted(x.v for x in s))

class Sub(H):
    pass

print(hash(Sub(7)), Sub(7) in {H(7)})

class EqOnly:
    def __eq__(self, other):
        return True

try:
    {EqOnly()}
except TypeError as e:
    print("TypeError:", e)

class Bad:
    def __hash__(self):
        return "x"

try:
    hash(Bad())
except TypeError as e:
    print("TypeError:", e)
print(hash((1, 2.5, (3, -1))), hash(-1), hash(1.5), hash(True))
