import sys
class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
        return len(self.items)
    def pop(self):
        v = self.items.pop()
        return v
    def size(self):
        return len(self.items)
s = Stack()
big = [1, 2, 3]
for i in range(5):
    s.push(big)
print(sys.getrefcount(big), s.size())
v = s.pop()
print(sys.getrefcount(big), v is big)
del v
print(sys.getrefcount(big))
print(sys.getsizeof(s.items))
