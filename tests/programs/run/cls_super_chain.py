import sys
class A:
    def name(self):
        return "A"
    def size(self):
        return sys.getsizeof(self)
class B(A):
    def name(self):
        return "B>" + super().name()
class C(B):
    def name(self):
        return "C>" + super().name()
    def size(self):
        return super().size() + 1
c = C()
print(c.name(), c.size())
for i in range(3):
    print(i, c.name())
print(sys.getrefcount(c))
