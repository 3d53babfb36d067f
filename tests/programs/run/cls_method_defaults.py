import sys
class Greeter:
    def greet(self, name, punct="!", times=1):
        return (name + punct) * times
g = Greeter()
print(g.greet("hi"))
print(g.greet("hi", "?"))
print(g.greet("hi", ".", 3))
m = g.greet
print(m("yo", "~", 2), sys.getrefcount(g))
