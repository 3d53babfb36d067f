import sys
class Res:
    count = 0
    def __init__(self, tag):
        self.tag = tag
        Res.count = Res.count + 1
    def __del__(self):
        Res.count = Res.count - 1
        print("free", self.tag, Res.count)
class Child(Res):
    pass
holder = [Res("r1"), Child("c1")]
print(Res.count)
holder.pop()
print(Res.count)
holder = None
print(Res.count)
t = Child("c2")
m = t.__init__
del t
print("bound method keeps it", Res.count)
del m
print(Res.count)
