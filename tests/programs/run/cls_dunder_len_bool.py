class Bag:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
    def add(self, x):
        self.items.append(x)
class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on
b = Bag()
print(len(b), bool(b))
if not b:
    print("empty")
b.add(1)
b.add(2)
print(len(b), bool(b))
if b:
    print("full")
f = Flag(False)
print(bool(f), not f)
while not f:
    f.on = True
    print("flipped")
class Plain:
    pass
if Plain():
    print("plain is true")
