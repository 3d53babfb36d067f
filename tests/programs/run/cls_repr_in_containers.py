import sys
class P:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return "P<" + str(self.v) + ">"
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
class N:
    pass
items = [P(1), P(20), (P(3),), {"k": P(4)}]
print(items)
print(str(items), repr(P(5)), [S()], S())
text = str([P(i) for i in range(3)])
print(text, sys.getsizeof(text))
print(f"{[P(7)]}", {P(8)} if False else 0)
class Boom:
    def __repr__(self):
        raise ValueError("no repr")
try:
    print([Boom()])
except ValueError as e:
    print("ValueError:", e)
class Loud:
    def __repr__(self):
        print("called")
        return "L"
print([Loud(), Loud()])
