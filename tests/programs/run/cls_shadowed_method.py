import sys
class A:
    def f(self):
        return "method"
a = A()
print(a.f())
a.f = 1000
print(a.f, A.f(a))
del a.f
print(a.f())
