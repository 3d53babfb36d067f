import sys
class Acc:
    def __init__(self):
        self.total = 0
        self.items = []
    def add(self, v):
        self.total += v
        self.items += [v]
a = Acc()
for i in range(10):
    a.add(i)
print(a.total, a.items)
print(sys.getsizeof(a.items))
a.total -= 45
print(a.total)
