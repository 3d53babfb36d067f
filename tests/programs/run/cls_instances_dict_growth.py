import sys
class Bag:
    pass
b = Bag()
sizes = []
b.a1 = 1
sizes.append(sys.getsizeof(b))
b.a2 = 2
b.a3 = 3
b.a4 = 4
sizes.append(sys.getsizeof(b))
print(sizes)
d = b.__dict__
print(sys.getsizeof(d), len(d))
b.a5 = 5
print(sys.getsizeof(d), len(d))
