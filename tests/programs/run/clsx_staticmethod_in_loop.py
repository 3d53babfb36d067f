import sys
class Acc:
    @staticmethod
    def add(xs, v):
        xs.append(v)
        return len(xs)
    @classmethod
    def fresh(cls):
        return []
xs = Acc.fresh()
for i in range(10):
    Acc.add(xs, i * 1000)
print(len(xs), sys.getsizeof(xs), sys.getrefcount(xs))
ys = [Acc.add(xs, 5) for _ in range(3)]
print(ys, sys.getsizeof(xs))
