import sys
class Bag:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        print('len called')
        return self.n
    def __iter__(self):
        print('iter called')
        for i in range(self.n):
            yield i
b = Bag(5)
items = list(b)
print(items, sys.getsizeof(items))
class Liar:
    def __len__(self):
        return 2
    def __iter__(self):
        for i in range(12):
            yield i * 2
l = list(Liar())
print(len(l), sys.getsizeof(l))
class Zero:
    def __len__(self):
        return 0
    def __iter__(self):
        return iter([1, 2, 3])
z = list(Zero())
print(z, sys.getsizeof(z))
big = Bag(40)
print(sys.getsizeof(list(big)))
