class A:
    def who(self):
        return "A"
    def a(self):
        return 1
class B(A):
    def who(self):
        return "B"
class C(A):
    def who(self):
        return "C"
    def c(self):
        return 3
class D(B, C):
    pass
d = D()
print(d.who(), d.a(), d.c())
print(isinstance(d, A), isinstance(d, B), isinstance(d, C))
class E(C, B):
    pass
print(E().who())
